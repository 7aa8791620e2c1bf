import { describe, expect, it } from "vitest";
import { classifyAddress } from "../src/inputs/address-policy.ts";

describe("classifyAddress", () => {
	it.each([
		["127.0.0.1", "loopback"],
		["127.255.0.9", "loopback"],
		["::1", "loopback"],
		["[::1]", "loopback"],
		["0.0.0.0", "unspecified"],
		["::", "unspecified"],
		["10.1.2.3", "private"],
		["172.16.0.1", "private"],
		["172.31.255.255", "private"],
		["192.168.1.20", "private"],
		["169.254.10.1", "link-local"],
		["fe80::1%eth0", "link-local"],
		["169.254.169.254", "metadata"],
		["100.100.100.200", "metadata"],
		["fd00:ec2::254", "metadata"],
		["100.64.0.1", "cgnat"],
		["100.127.255.254", "cgnat"],
		["fc00::1", "unique-local"],
		["fd12:3456::1", "unique-local"],
		["fec0::1", "site-local"],
		["224.0.0.1", "multicast"],
		["ff02::1", "multicast"],
		["255.255.255.255", "reserved"],
		["192.0.2.1", "documentation"],
		["2001:db8::1", "documentation"],
		["198.18.0.1", "benchmarking"],
		["2001:0:4136:e378::1", "tunnel"],
	])("%s is %s", (address, range) => {
		expect(classifyAddress(address)).toBe(range);
	});

	it.each([
		["::ffff:127.0.0.1", "loopback"],
		["::ffff:7f00:1", "loopback"],
		["::ffff:169.254.169.254", "metadata"],
		["64:ff9b::10.0.0.1", "private"],
		["2002:c0a8:0101::1", "private"],
		["::ffff:8.8.8.8", "public"],
	])("reads the IPv4 address embedded in %s (%s)", (address, range) => {
		expect(classifyAddress(address)).toBe(range);
	});

	it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"])("%s is public", (address) => {
		expect(classifyAddress(address)).toBe("public");
	});

	it("calls a host name invalid, not public", () => {
		expect(classifyAddress("example.com")).toBe("invalid");
		expect(classifyAddress("127.1")).toBe("invalid");
	});
});
