import { describe, expect, test } from 'vitest';

import { snsNotification } from '../../../../test-support/server/webhooks/vendor-examples.ts';
import { signingCertUrl, snsStringToSign } from './sns.ts';

describe('the string SNS signs', () => {
	test('is the documented name/value lines in byte order, Subject only when present', () => {
		const message = { Type: 'Notification', MessageId: '4d4dc071-ddbf-465d-bba8-08f81c89da64', Subject: 'My subject', Message: 'My Test Message', Timestamp: '2012-06-05T04:37:04.321Z', TopicArn: 'arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P', Signature: 'x' };
		// The example string to sign of https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message-verify-message-signature.html
		expect(snsStringToSign(message)).toBe(
			'Message\nMy Test Message\nMessageId\n4d4dc071-ddbf-465d-bba8-08f81c89da64\nSubject\nMy subject\nTimestamp\n2012-06-05T04:37:04.321Z\nTopicArn\narn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P\nType\nNotification\n',
		);
		const { Subject: _subject, ...withoutSubject } = message;
		expect(snsStringToSign(withoutSubject)).not.toContain('Subject');
	});

	test('trusts a certificate URL only over HTTPS on an SNS host', () => {
		expect(signingCertUrl(JSON.parse(snsNotification).SigningCertURL)?.hostname).toBe('sns.us-west-2.amazonaws.com');
		expect(signingCertUrl('https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-1.pem')).not.toBeNull();
		for (const url of [
			'http://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
			'https://sns.us-west-2.amazonaws.com.attacker.example/cert.pem',
			'https://attacker.example/sns.us-west-2.amazonaws.com/cert.pem',
			'https://sns.us-west-2.amazonaws.com@attacker.example/cert.pem',
			'https://sns.us-west-2.amazonaws.com:8443/cert.pem',
			'https://sns.us-west-2.amazonaws.com/cert.txt',
			'not a url',
		]) {
			expect(signingCertUrl(url), url).toBeNull();
		}
	});
});
