import type { DomainPack } from "./types";

/** Fallback for topics no specific domain matches: learning any skill or running any project. */
export const generic: DomainPack = {
	id: "generic",
	label: "Skills & projects",
	keywords: {},
	audience: "curious learners",
	hues: [200, 250, 168, 20, 330],
	prefersDark: false,
	fonts: ["sans", "serif", "geometric", "rounded"],
	terms: ["fundamentals", "deliberate practice", "feedback", "milestones", "resources", "habits", "reflection", "next steps"],
	// The generic pack writes around the topic's own words: its goals name the subject.
	outcomes: [
		"understand {subject} well enough to explain it to someone else",
		"turn an interest in {subject} into a steady, visible routine",
		"find your way around {subject} without the usual beginner detours",
		"build skills in {subject} that last",
	],
	features: [
		{
			title: "A clear map of {subject}",
			body: "See the whole topic on one page: the fundamentals, the skills that build on them and the order to learn them in.",
		},
		{
			title: "A step-by-step starting plan",
			body: "Concrete first steps for your first week, so you start doing instead of collecting more information.",
		},
		{
			title: "Deliberate practice",
			body: "Short, focused exercises that target one skill at a time, the fastest route from knowing about {subject} to doing it well.",
		},
		{
			title: "Common mistakes to avoid",
			body: "The traps that slow most {audience} down, with a simple way to spot and avoid each one.",
		},
		{
			title: "Milestones and tracking",
			body: "Clear checkpoints and a simple log make progress visible and keep motivation steady.",
		},
		{
			title: "Curated resources",
			body: "How to choose good books, courses, communities and tools, and how to avoid drowning in options.",
		},
		{
			title: "Feedback that helps",
			body: "Ways to get useful feedback early from mentors, peers or your own review, so mistakes become lessons quickly.",
		},
		{
			title: "A plan for the long run",
			body: "Routines for staying consistent after the first excitement fades, with a monthly review to keep {subject} moving.",
		},
	],
	faqs: [
		{
			question: "Do I need any experience with {subject}?",
			answer:
				"No. The guide starts with the fundamentals and explains every term as it appears. If you already have some experience, the map of the topic shows which chapters you can skim.",
		},
		{
			question: "How much time should I set aside?",
			answer:
				"Three or four sessions of twenty to sixty minutes a week is a good rhythm. Regular short sessions lead to better results than occasional long ones.",
		},
		{
			question: "What if I get stuck?",
			answer:
				"Getting stuck is a normal part of learning. The guide suggests breaking the problem down, going back to fundamentals and asking specific questions in communities or to a mentor.",
		},
		{
			question: "How will I know I am making progress?",
			answer:
				"You set milestones at the start and log each session. Every month you review the log and compare with where you started, which makes progress visible even when it feels slow.",
		},
		{
			question: "Is the information up to date?",
			answer:
				"The kit focuses on principles and methods that stay relevant, and it shows you how to check current details, such as prices, tools or rules, from reliable sources.",
		},
		{
			question: "Can I share what I learn?",
			answer: "Yes. You can use and adapt what you learn in your own work and projects. You just cannot resell or share the kit itself; see LICENSE.md.",
		},
	],
	chapters: [
		{
			title: "Map the territory",
			paragraphs: [
				"Before diving into {subject}, take an hour to map it. List the main areas, the basic skills everything else depends on and the more advanced topics you might explore later. A one-page map prevents the common trap of jumping between random tutorials.",
				"Mark what you already know and where you want to end up. The gap between the two is your learning plan, and it will guide every choice about what to study or practise next.",
			],
			tips: ["Draw a one-page map of the topic.", "Mark what you already know.", "Circle the three fundamentals to learn first."],
		},
		{
			title: "Set goals and milestones",
			paragraphs: [
				"Turn your interest into specific goals: what you want to be able to do, and by when. Then break them into milestones you can reach in two to four weeks each.",
				"Good milestones are observable: finishing a project, completing a challenge or passing a test. They give {subject} a sense of progress and make it easy to see when to change approach.",
			],
			tips: ["Write goals as abilities, not hours spent.", "Set milestones two to four weeks apart.", "Pick a small project that uses the skill."],
		},
		{
			title: "Practise deliberately",
			paragraphs: [
				"Practice works best when it is focused, slightly beyond your comfort zone and followed by feedback. Choose one specific skill per session, work on it with full attention and stop before you are exhausted.",
				"Mix learning with doing. After reading or watching something about {subject}, put it into practice the same day, even in a small way. Doing reveals gaps that reading never will.",
			],
			tips: ["Focus each session on one specific skill.", "Apply what you learn on the same day.", "Record what felt difficult for next time."],
		},
		{
			title: "Get feedback and learn from mistakes",
			paragraphs: [
				"Feedback turns practice into improvement. Compare your work with good examples, ask more experienced people specific questions and review your own work after a break.",
				"Keep a mistakes log: what went wrong, why, and what you will do differently. Patterns in this log show exactly where to focus next.",
			],
			tips: ["Ask for feedback on one specific aspect at a time.", "Review your own work a day later.", "Keep a simple mistakes log."],
		},
		{
			title: "Choose resources and community",
			paragraphs: [
				"There is more material on {subject} than anyone could use. Choose one main resource for each stage and finish it before adding another. Prefer resources that include exercises over those that only explain.",
				"Find a community, local or online, where people at different levels share work and questions. Explaining things to others and seeing their approaches speeds up learning for everyone.",
			],
			tips: ["Use one main resource at a time.", "Prefer resources with exercises.", "Join one active community and take part weekly."],
		},
		{
			title: "Stay consistent",
			paragraphs: [
				"Motivation is high at the start and fades later; routines carry you through. Fix regular times for {subject}, track sessions visibly and define a small minimum session for busy days.",
				"Review monthly: what worked, what did not and what to change. Adjust goals as you learn more, and celebrate milestones, because noticing progress is what keeps you going.",
			],
			tips: ["Schedule sessions at fixed times.", "Track every session on a visible log.", "Hold a short monthly review."],
		},
	],
	checklist: [
		{
			title: "Plan",
			items: [
				"Draw a one-page map of {subject}",
				"Mark what you already know",
				"Write goals as abilities with a date",
				"Set milestones two to four weeks apart",
				"Choose one main resource for the first stage",
				"Schedule regular sessions in your calendar",
			],
		},
		{
			title: "Practise",
			items: [
				"Focus each session on one skill",
				"Apply new knowledge the same day",
				"Work slightly beyond your comfort zone",
				"Stop before you are exhausted",
				"Log each session in one line",
				"Start a small project that uses the skill",
			],
		},
		{
			title: "Feedback",
			items: [
				"Compare your work with good examples",
				"Ask one specific question to someone more experienced",
				"Review your work after a break",
				"Start a log of mistakes and their causes",
				"Join a community and share your progress",
				"Explain a concept to someone else",
			],
		},
		{
			title: "Review",
			items: [
				"Check milestones at the end of each month",
				"Note what worked and what did not",
				"Adjust goals based on what you learned",
				"Celebrate each milestone you reach",
				"Pick the next skill to focus on",
				"Plan next month's sessions",
			],
		},
	],
};
