/**
 * What the strength meter knows, loaded with it on first focus (see `strength.ts`): the keyboard
 * layouts zxcvbn looks for walks on, and two short lists of passwords. A static import of the
 * layouts alone, so the bundler leaves zxcvbn's large common dictionary out.
 */
import { adjacencyGraphs } from '@zxcvbn-ts/language-common';

import serverList from '../../server/passwords/common-passwords.txt?raw';
import breachedList from './breached-passwords.txt?raw';

export { adjacencyGraphs };

/** The entries of a list file: one a line, `#` lines are comments. */
function words(text: string): string[] {
	return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

/** The meter's dictionaries, by name. */
export const dictionary = {
	/** The server's own list of common passwords: the meter never calls strong what the server refuses. */
	'server-common': words(serverList),
	/** The passwords seen most often in breaches, most frequent first. */
	'breached-common': words(breachedList),
};
