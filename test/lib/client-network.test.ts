import { describe, expect, it } from "vitest";
import { clientNetwork } from "../../src/lib/client-network";

describe("clientNetwork: the key of every per-client limit", () => {
	it("keeps an IPv4 address as it is, in canonical form", () => {
		expect(clientNetwork("203.0.113.7")).toBe("203.0.113.7");
		expect(clientNetwork(" 198.51.100.255 ")).toBe("198.51.100.255");
	});

	it("reduces an IPv6 address to its /64, whatever its spelling", () => {
		const network = "2001:db8:85a3:8d3::/64";
		for (const spelling of [
			"2001:db8:85a3:8d3::1",
			"2001:0db8:85a3:08d3:1319:8a2e:0370:7348",
			"2001:DB8:85A3:8D3:FFFF:FFFF:FFFF:FFFF",
			"2001:db8:85a3:8d3:0:0:0:0",
			"[2001:db8:85a3:8d3::abcd]",
			"2001:db8:85a3:8d3::1%eth0",
			"2001:db8:85a3:8d3:1::",
			"2001:db8:85a3:8d3::1.2.3.4",
		]) {
			expect(clientNetwork(spelling), spelling).toBe(network);
		}
	});

	it("expands :: wherever it stands", () => {
		expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
		expect(clientNetwork("::")).toBe("0:0:0:0::/64");
		expect(clientNetwork("2001:db8::")).toBe("2001:db8:0:0::/64");
		expect(clientNetwork("2001:db8::7:8")).toBe("2001:db8:0:0::/64");
		expect(clientNetwork("2001::5:6:7:8")).toBe("2001:0:0:0::/64");
		expect(clientNetwork("1:2:3::8")).toBe("1:2:3:0::/64");
		expect(clientNetwork("1:2:3:4:5:6:7::")).toBe("1:2:3:4::/64");
	});

	it("treats IPv4-mapped IPv6 as the IPv4 address it carries", () => {
		expect(clientNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
		expect(clientNetwork("::FFFF:203.0.113.7")).toBe("203.0.113.7");
		expect(clientNetwork("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
		expect(clientNetwork("::ffff:cb00:7107")).toBe("203.0.113.7");
		// Two mapped addresses are two clients, not one /64.
		expect(clientNetwork("::ffff:203.0.113.8")).not.toBe(clientNetwork("::ffff:203.0.113.7"));
	});

	it("tells different /64s apart", () => {
		expect(clientNetwork("2001:db8:0:1::1")).not.toBe(clientNetwork("2001:db8:0:2::1"));
		expect(clientNetwork("2001:db8:0:1::1")).toBe(clientNetwork("2001:db8:0:1:ffff::"));
	});

	it("keeps anything that is not an address apart from every address, lowercased", () => {
		for (const bad of ["unknown", "1.2.3", "1.2.3.256", "01.2.3.4", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", ":1:2:3:4:5:6:7", "1.2.3.4.5", ""]) {
			expect(clientNetwork(bad), bad).toBe(`other:${bad.trim().toLowerCase()}`);
		}
		expect(clientNetwork("UNKNOWN")).toBe("other:unknown");
	});
});
