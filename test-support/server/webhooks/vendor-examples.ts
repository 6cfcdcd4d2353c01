/**
 * Test support: the email services' webhook payloads exactly as their documentation shows them
 * (the text between the backticks is copied as published; only the indentation of a code block is
 * the page's own). The webhook tests parse them, put in what ties the event to a message the test
 * server sent (the recipient, and our reference or Message-ID), and sign or authenticate them with
 * test keys; every other field is sent as published.
 */

/**
 * Postmark's bounce webhook example, from “How to Set Up a Bounce Webhook”:
 * https://postmarkapp.com/support/article/1106-how-to-set-up-a-bounce-webhook
 */
export const postmarkBounce = `{
 "RecordType": "Bounce",
 "MessageStream": "transactional",
 "ID": 42,
 "Type": "HardBounce",
 "TypeCode": 1,
 "Name": "Hard bounce",
 "Tag": "Test",
 "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
 "Metadata" : {
 "a_key" : "a_value",
 "b_key": "b_value"
 },
 "ServerID": 23,
 "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
 "Details": "Test bounce details",
 "Email": "john@example.com",
 "From": "sender@example.com",
 "BouncedAt": "2019-11-05T16:33:54.9070259Z",
 "DumpAvailable": true,
 "Inactive": true,
 "CanActivate": true,
 "Subject": "Test subject",
 "Content": "<Full dump of bounce>"
}`;

/**
 * Postmark's spam complaint webhook example (“Example JSON webhook data”):
 * https://postmarkapp.com/developer/webhooks/spam-complaint-webhook
 */
export const postmarkSpamComplaint = `{
  "RecordType": "SpamComplaint",
  "MessageStream": "outbound",
  "ID": 42,
  "Type": "SpamComplaint",
  "TypeCode": 512,
  "Name": "Spam complaint",
  "Tag": "Test",
  "MessageID": "00000000-0000-0000-0000-000000000000",
  "Metadata" : {
    "a_key" : "a_value",
    "b_key": "b_value"
  },
  "ServerID": 1234,
  "Description": "",
  "Details": "Test spam complaint details",
  "Email": "john@example.com",
  "From": "sender@example.com",
  "BouncedAt": "2019-11-05T16:33:54.9070259Z",
  "DumpAvailable": true,
  "Inactive": true,
  "CanActivate": false,
  "Subject": "Test subject",
  "Content": "<Abuse report dump>"
}`;

/**
 * Resend's `email.bounced` example (the page's response example):
 * https://resend.com/docs/webhooks/emails/bounced
 */
export const resendEmailBounced = `{
  "type": "email.bounced",
  "created_at": "2026-11-22T23:41:12.126Z",
  "data": {
    "broadcast_id": "8b146471-e88e-4322-86af-016cd36fd216",
    "created_at": "2026-11-22T23:41:11.894Z",
    "email_id": "56761188-7520-42d8-8898-ff6fc54ce618",
    "message_id": "<111-222-333@email.example.com>",
    "from": "Acme <onboarding@resend.dev>",
    "to": ["delivered@resend.dev"],
    "subject": "Sending this example",
    "template_id": "43f68331-0622-4e15-8202-246a0388854b",
    "bounce": {
      "message": "The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.",
      "subType": "Suppressed",
      "type": "Permanent"
    },
    "tags": {
      "category": "confirm_email"
    }
  }
}`;
