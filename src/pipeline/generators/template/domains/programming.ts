import type { DomainPack } from "./types";

/** Software development, cloud, DevOps and data. */
export const programming: DomainPack = {
	id: "programming",
	label: "Software & cloud",
	keywords: {
		programming: 4,
		coding: 4,
		programmer: 4,
		code: 3,
		developer: 4,
		software: 4,
		Kubernetes: 4,
		k8s: 4,
		Docker: 4,
		devops: 4,
		cloud: 3,
		AWS: 4,
		Azure: 4,
		GCP: 4,
		Python: 4,
		JavaScript: 4,
		TypeScript: 4,
		Rust: 3,
		Go: 1,
		Java: 3,
		React: 3,
		api: 3,
		sql: 4,
		database: 4,
		git: 3,
		linux: 3,
		backend: 4,
		frontend: 4,
		"web development": 4,
		"machine learning": 4,
		data: 2,
		algorithm: 4,
		microservice: 4,
		serverless: 4,
		terraform: 4,
		infrastructure: 3,
		deploy: 3,
		testing: 2,
		app: 2,
		llm: 3,
		ai: 2,
	},
	audience: "developers",
	hues: [228, 248, 265, 200],
	prefersDark: true,
	fonts: ["mono", "sans"],
	terms: ["observability", "automation", "code review", "CI/CD", "infrastructure as code", "testing", "profiling", "documentation"],
	outcomes: ["ship changes with confidence", "measure before you optimise", "automate the boring parts", "build systems your team can maintain"],
	features: [
		{
			title: "Measure first, then optimise",
			body: "A practical method for finding where {subject} really costs you time or money, using metrics and profiling instead of hunches.",
		},
		{
			title: "Copy-ready checklists",
			body: "Review lists for design, code, configuration and releases that you can paste straight into a pull request or ticket.",
		},
		{
			title: "Automation recipes",
			body: "Patterns for scripting repeatable work: formatting, tests, builds and deployments that run the same way every time.",
		},
		{
			title: "Safe rollout patterns",
			body: "Feature flags, staged rollouts and rollback plans, so a change to production is a routine event rather than a gamble.",
		},
		{
			title: "Observability basics",
			body: "What to log, which metrics and alerts matter, and how to build a dashboard that answers real questions about {subject}.",
		},
		{
			title: "Decision records",
			body: "A lightweight template for writing down technical decisions and their trade-offs, so the team remembers why things are the way they are.",
		},
		{
			title: "Common pitfalls mapped",
			body: "The mistakes {audience} make most often with {subject}, the symptoms they cause and the fix for each one.",
		},
		{
			title: "A learning path",
			body: "A staged path from fundamentals to advanced practice, with small exercises that build on each other instead of random tutorials.",
		},
	],
	faqs: [
		{
			question: "What experience do I need for {subject}?",
			answer:
				"You should be comfortable with a terminal, a code editor and basic version control. The guide explains concepts from first principles and flags the sections that assume more background, so {audience} at different levels can use it.",
		},
		{
			question: "Is it tied to a specific vendor or tool?",
			answer:
				"No. The kit teaches principles and workflows that carry across tools and providers. Where a concrete example helps, it names common open-source tools and explains the idea so you can map it to your own stack.",
		},
		{
			question: "Can I use the checklists with my team?",
			answer:
				"Yes. The checklists are plain Markdown, so you can paste them into pull request templates, tickets or your internal wiki and adapt them to your process.",
		},
		{
			question: "How do I measure whether it is working?",
			answer:
				"Pick two or three metrics before you start, such as lead time for changes, error rate, response time or monthly cost, record a baseline and compare after each change. The guide explains how to choose metrics that cannot be gamed easily.",
		},
		{
			question: "Will this help with production systems?",
			answer:
				"That is the focus. Chapters on safe rollouts, observability and incident follow-up are written for systems that real users depend on, where caution and reversibility matter.",
		},
		{
			question: "How long does it take to apply?",
			answer:
				"You can read the guide in an afternoon and apply the first checklist the same week. Larger changes, such as introducing automation or new monitoring, are broken into small steps you can ship one at a time.",
		},
	],
	chapters: [
		{
			title: "Set up a reliable working environment",
			paragraphs: [
				"Productive work on {subject} starts with an environment you trust. Use version control for everything, including configuration and scripts, and make the project runnable on a fresh machine with a single documented command.",
				"Pin tool and dependency versions so builds are reproducible, and keep secrets out of the repository from day one. A short README that explains how to build, test and run the project saves hours for every new contributor, including future you.",
			],
			tips: [
				"Write the setup steps down and test them on a clean machine.",
				"Pin versions of runtimes, libraries and tools.",
				"Store secrets in a secret manager or environment, never in code.",
			],
		},
		{
			title: "Understand the fundamentals",
			paragraphs: [
				"Tools change quickly; fundamentals do not. Before reaching for a new framework or service, make sure you understand the underlying ideas of {subject}: the data flow, where state lives, what fails and what it costs to run.",
				"Draw the system on one page: components, the requests between them and the resources each consumes. This diagram is the map you will use for debugging, optimisation and explaining decisions to others.",
			],
			tips: [
				"Sketch the architecture on one page and keep it current.",
				"Read the official documentation before third-party tutorials.",
				"Reproduce a concept in a tiny example before using it at scale.",
			],
		},
		{
			title: "Measure before you optimise",
			paragraphs: [
				"The most expensive mistake in {subject} is optimising the wrong thing. Start with measurement: collect metrics on latency, errors, throughput and resource use or cost, and find the few components responsible for most of the problem.",
				"Record a baseline, change one thing, and measure again under the same conditions. Keep a short log of each experiment and its result, so improvements are evidence-based and easy to justify.",
			],
			tips: [
				"Identify the top three consumers of time or money before changing anything.",
				"Use production-like data for performance tests.",
				"Write down the expected effect before each change.",
			],
		},
		{
			title: "Automate and test",
			paragraphs: [
				"Anything you do twice should be scripted, and anything important should be tested. Automated formatting, linting and tests on every change catch problems when they are cheapest to fix and keep reviews focused on design rather than style.",
				"Aim for a fast test suite that runs in minutes. Cover the critical paths with integration tests and the tricky logic with unit tests, and make the pipeline fail loudly when something breaks.",
			],
			tips: [
				"Run the full check suite on every pull request.",
				"Keep the feedback loop under ten minutes.",
				"Add a test with every bug fix so it cannot return.",
			],
		},
		{
			title: "Ship safely and observe",
			paragraphs: [
				"Small, frequent releases are safer than big, rare ones. Use feature flags or staged rollouts, watch the key metrics as traffic shifts, and have a rollback that takes minutes, not hours.",
				"Good observability means you can answer new questions about {subject} without shipping new code. Structured logs, a handful of meaningful metrics and alerts tied to user impact are worth more than dozens of noisy dashboards.",
			],
			tips: [
				"Practise a rollback before you need one.",
				"Alert on symptoms users feel, not on every internal metric.",
				"Include a request identifier in every log line.",
			],
		},
		{
			title: "Maintain, document and keep learning",
			paragraphs: [
				"Systems decay without care. Schedule time for dependency updates, clean-ups and removing unused resources; these small chores prevent large, risky upgrades later and often reduce cost.",
				"Write short decision records for significant choices and hold blameless reviews after incidents. The habit of writing things down turns individual experience with {subject} into team knowledge.",
			],
			tips: [
				"Reserve a fixed share of each iteration for maintenance.",
				"Delete unused resources and code every month.",
				"Write a short decision record for every significant trade-off.",
			],
		},
	],
	checklist: [
		{
			title: "Environment",
			items: [
				"Keep all code, configuration and scripts in version control",
				"Document a one-command setup and test it on a clean machine",
				"Pin runtime and dependency versions",
				"Move secrets out of the repository",
				"Add automatic formatting and linting",
				"Draw a one-page architecture diagram for {subject}",
			],
		},
		{
			title: "Measure",
			items: [
				"Choose two or three metrics that reflect real outcomes",
				"Record a baseline before changing anything",
				"Find the top three consumers of time, resources or money",
				"Write the expected effect before each experiment",
				"Change one variable at a time",
				"Log each experiment with its result",
			],
		},
		{
			title: "Build and ship",
			items: [
				"Run tests automatically on every change",
				"Keep the pipeline under ten minutes",
				"Add a regression test with every bug fix",
				"Use feature flags or staged rollouts for risky changes",
				"Practise a rollback in a safe environment",
				"Watch key metrics during and after each release",
			],
		},
		{
			title: "Operate and maintain",
			items: [
				"Alert on user-facing symptoms, not internal noise",
				"Use structured logs with request identifiers",
				"Schedule regular dependency updates",
				"Remove unused resources and dead code monthly",
				"Write decision records for significant trade-offs",
				"Hold a blameless review after every incident",
			],
		},
	],
};
