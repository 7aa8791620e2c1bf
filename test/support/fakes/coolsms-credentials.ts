/**
 * The account the fake CoolSMS server (coolsms-server.ts) knows, shared by the fake (Node) and
 * the tests (workerd), which is why it lives apart from the server's node:http code.
 */
export const COOLSMS_TEST_ACCOUNT = {
	apiKey: "NCSTESTAPIKEY0001",
	apiSecret: "TESTCOOLSMSSECRET0123456789ABCDEF",
	/** The one sender number registered with the fake. */
	sender: "0212345678",
} as const;
