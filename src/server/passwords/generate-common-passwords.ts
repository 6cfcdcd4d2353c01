/**
 * Writes `common-passwords.txt`: a few thousand of the passwords people pick most, built from the
 * patterns every published breach list is full of (well-known words and names, keyboard walks,
 * digit runs, years, and those with the usual suffixes and doublings). Nothing is downloaded.
 *
 * Run it again after changing a list: `./node_modules/.bin/node src/server/passwords/generate-common-passwords.ts`.
 * The server also strips leading and trailing digits and symbols before looking a password up
 * (see `common-passwords.ts`), so the bare words here cover `dragon2024!` as well.
 */
import { writeFileSync } from 'node:fs';

const words = `password passw0rd p@ssw0rd p@ssword pass passwd secret letmein welcome admin administrator root
login user guest test default changeme master access qwerty azerty qwertz iloveyou loveyou lovely love
dragon monkey football baseball basketball soccer hockey golf tennis sunshine princess shadow superman
batman spiderman ironman starwars pokemon minecraft fortnite freedom whatever trustno1 hello hello123
computer internet google facebook twitter samsung apple iphone android windows linux matrix hunter
killer ninja tiger lion eagle falcon phoenix dolphin butterfly flower summer winter autumn spring
chocolate cookie banana orange cherry pepper ginger honey sugar angel angels heaven jesus christ god
blessed faith hope lucky happy smile money dollar bitch fuckyou fuckoff asshole cheese pizza coffee
mustang ferrari porsche mercedes corvette harley yamaha honda toyota nissan bmw jaguar thunder
silver golden diamond crystal purple yellow black white green blue red pink rainbow star stars moon
sunny soleil bonjour amour chouchou doudou loulou marseille paris france liberte nicolas motdepasse
contrasena contraseña hola amigo amor mexico argentina colombia españa barcelona madrid realmadrid
senha saudade brasil flamengo corinthians palmeiras gremio santos saopaulo
passwort hallo schatz fussball deutschland berlin bayern schalke borussia
parola ciao amore tesoro juventus milano napoli roma italia forzainter
parol privet lubov kotik solnce zaraza marina natasha sasha masha dima vova spartak zenit
allah mohamed mohammed ahmed ali fatima yasmin habibi
dragonball naruto sasuke goku pikachu zelda mario luigi sonic batman123 joker legend warrior
pirate viking knight wizard merlin gandalf frodo hobbit slayer rocket galaxy planet universe
tigger winnie snoopy garfield scooby mickey minnie donald barbie bubbles buster charlie max bella
lucky rocky daisy molly buddy bailey coco luna oscar simba nala teddy zeus ginger shadow1
family forever together always friends friend bestfriend mylove myheart sweetheart babygirl
babyboy baby darling honey1 cutie beautiful gorgeous pretty sexy hottie lover kisses
monday friday sunday january july august september december october
whatever1 nothing someone something anything everything nobody iloveu loveme kissme fuckme
trustme helpme letmein1 openup opensesame welcome1 test123 temp temp123 demo sample
qazwsx qweasd asdzxc zaq12wsx 1qaz2wsx 1q2w3e4r 1q2w3e4r5t zxcvbnm asdfghjkl qwertyuiop
michael jennifer jessica ashley amanda daniel david james john robert william joseph thomas
christopher matthew andrew joshua anthony justin ryan brandon jordan tyler kevin jason eric
steven brian nicole sarah stephanie melissa michelle elizabeth heather amber rachel lauren
hannah emily samantha madison olivia sophia emma isabella ava mia charlotte abigail harry
george jack oliver charlie thomas alexander alex victor victoria maria anna elena sofia
lucas gabriel rafael pedro pablo carlos jose juan luis miguel manuel antonio francisco javier
jean pierre marie julien camille lea chloe manon thomas1 hugo louis arthur jules nathan
hans klaus peter stefan andreas michael1 sabine petra jurgen wolfgang
giuseppe marco luca andrea francesca giulia alessandro matteo lorenzo
ivan sergey alexey andrey olga tatiana irina svetlana ekaterina anastasia
`;

const keyboardWalks = `qwerty qwertyu qwertyui qwertyuiop qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm
asdf asdfgh asdfghjkl asdfghjklzxcvbnm zxcv zxcvbn zxcvbnm qazwsxedc qazwsxedcrfv qazwsxedcrfvtgb
1qaz2wsx3edc 1qaz2wsx3edc4rfv zaq1xsw2cde3 1q2w3e 1q2w3e4r5t6y 1q2w3e4r5t6y7u8i9o0p qwe123 qweqwe
qweasdzxc azertyuiop azertyuiopqsdfghjklm wxcvbn qwertzuiop yxcvbnm mnbvcxz poiuytrewq lkjhgfdsa
йцукен йцукенгшщзхъ фывапролджэ ячсмитьбю 123qwe 123qweasd 123qweasdzxc !qaz@wsx !qaz2wsx
qwerty123456 qwertyqwerty asdasd asdasdasd zxczxc 147258369 159753 159357 741852963 963852741
`;

const digitRuns = [
	'123456789012345678901234567890',
	'098765432109876543210987654321',
	'0987654321',
	'147258369147258369',
	'159753159753159753',
];

const phrases = `correcthorsebatterystaple thequickbrownfox thequickbrownfoxjumpsoverthelazydog iloveyoutothemoonandback
maytheforcebewithyou iamtheone letmeinplease ilovemyfamily ilovemymom ilovemydad ilovemywife ilovemyhusband
ilovemykids ilovemydog ilovemycat iloveyoubaby iloveyouforever iloveyousomuch youaremysunshine
onetwothreefourfive abcdefghijklmnop abcdefghijklmnopqrstuvwxyz zyxwvutsrqponmlkjihgfedcba
passwordpassword passwordispassword mypasswordis thisismypassword mynewpassword newpassword
changemenow changethispassword donotforget dontforget rememberme iforgotmypassword forgotpassword
supersecret supersecretpassword topsecret verysecret secretpassword administratorpassword
welcometomyworld welcomehome helloworld hellokitty hellothere goodmorning goodnight happybirthday
happydays happylife livelaughlove carpediem hakunamatata youonlyliveonce yolo noway nopassword
letmeinletmein trustnoone nobodyknows idontknow whoami imsexy imcool iamcool qwertyuiop123
`;

const split = (text: string) => text.split(/\s+/).filter(Boolean);

const list = new Set<string>();
const add = (candidate: string) => {
	const normalized = candidate.normalize('NFKC').toLowerCase();
	if (normalized.length >= 4) list.add(normalized);
};

// The bare words and patterns first: they are what a stripped password is compared with.
for (const word of [...split(words), ...split(keyboardWalks), ...split(phrases)]) add(word);
for (const run of digitRuns) for (let length = 4; length <= 20; length++) add(run.slice(0, length));
for (let digit = 0; digit <= 9; digit++) for (let length = 4; length <= 20; length++) add(String(digit).repeat(length));
for (const letter of 'abcdefghijklmnopqrstuvwxyz') for (const length of [6, 8, 10, 12, 15, 16, 20]) add(letter.repeat(length));
for (const pair of ['12', '21', '69', '99', '00', 'ab', 'xo', 'ha', 'lo', 'qw']) for (let times = 3; times <= 10; times++) add(pair.repeat(times));
for (let year = 1950; year <= 2030; year++) add(String(year));

// Then the usual decorations of the commonest words. Suffixes such as `1!` or `2024` need no entry:
// the lookup strips them.
const top = [...split(words).slice(0, 260), ...split(keyboardWalks).slice(0, 30)];
for (const word of top) {
	add(word + word);
	add(word + word + word);
	add(`${word}123456789`);
	add(`ilove${word}`);
	add(`my${word}`);
	add(`the${word}`);
}
for (const first of top.slice(0, 40)) for (const second of top.slice(0, 40)) if (first !== second) add(first + second);

const header = [
	'# Common and breached passwords, lower-cased, one a line. Generated by generate-common-passwords.ts;',
	'# edit that file, not this one. The server also strips leading and trailing digits and symbols before',
	'# looking a password up.',
];
const file = new URL('./common-passwords.txt', import.meta.url);
writeFileSync(file, `${[...header, ...list].join('\n')}\n`);
console.log(`${list.size} passwords written to ${file.pathname}`);
