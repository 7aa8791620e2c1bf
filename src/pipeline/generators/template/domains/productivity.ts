import type { DomainPack } from "./types";

/** Time management, focus, habits, planning and remote work. */
export const productivity: DomainPack = {
	id: "productivity",
	label: "Productivity & habits",
	keywords: {
		productivity: 5,
		productive: 5,
		"time management": 5,
		focus: 4,
		habit: 4,
		habits: 4,
		procrastination: 5,
		planner: 4,
		planning: 2,
		routine: 4,
		morning: 2,
		"deep work": 5,
		gtd: 5,
		Notion: 4,
		Obsidian: 4,
		organization: 3,
		organisation: 3,
		organize: 3,
		organise: 3,
		declutter: 4,
		minimalism: 4,
		"remote work": 5,
		"work from home": 5,
		goal: 3,
		goals: 3,
		journal: 3,
		journaling: 4,
		motivation: 4,
		burnout: 4,
		"to-do": 4,
		todo: 4,
		calendar: 3,
		efficiency: 4,
		workflow: 3,
		adhd: 3,
	},
	audience: "busy professionals",
	hues: [212, 224, 194, 256],
	prefersDark: false,
	fonts: ["sans", "geometric"],
	terms: ["weekly review", "time blocking", "priorities", "deep work", "habit stacking", "inbox zero", "energy management", "boundaries"],
	outcomes: [
		"finish important work before urgent work eats the day",
		"build habits that survive busy weeks",
		"end each day knowing what tomorrow holds",
		"work less frantically and get more done",
	],
	features: [
		{
			title: "A weekly review ritual",
			body: "A 30-minute routine that clears loose ends, sets priorities and makes {subject} something you do on purpose every week.",
		},
		{
			title: "Time blocking made practical",
			body: "Plan the day in blocks with buffers, so deep work gets protected time and meetings stop fragmenting everything.",
		},
		{
			title: "One trusted system",
			body: "Capture every task and idea in one place, so your head is free to think instead of remembering.",
		},
		{
			title: "Priorities that hold",
			body: "A simple method for choosing the three outcomes that matter each week and saying no to the rest politely.",
		},
		{
			title: "Habits that stick",
			body: "Habit stacking, tiny starts and visible tracking help {audience} turn intentions into routines that survive busy weeks.",
		},
		{
			title: "Focus protection",
			body: "Practical ways to tame notifications, batch email and messages, and set up an environment that supports concentration.",
		},
		{
			title: "Energy, not just time",
			body: "Match demanding tasks to your best hours and build in breaks, so you finish the day with energy left.",
		},
		{
			title: "Templates ready to copy",
			body: "Daily plan, weekly review and project outline templates in plain text that work in any notes app or on paper.",
		},
	],
	faqs: [
		{
			question: "Which app do I need for {subject}?",
			answer:
				"None in particular. The system works on paper, in a notes app or in any task manager. What matters is that you capture everything in one trusted place and review it regularly.",
		},
		{
			question: "How long does the setup take?",
			answer:
				"About an hour for the initial brain dump and weekly plan, then ten minutes a day and thirty minutes for the weekly review. The time pays for itself within the first week for most {audience}.",
		},
		{
			question: "What if I fall off the system?",
			answer:
				"Everyone does. The kit includes a short reset routine: empty your inboxes, update the task list and pick three priorities. You can be back on track in under an hour without starting over.",
		},
		{
			question: "Does it work with meetings all day?",
			answer:
				"Yes. The guide shows how to protect a few focus blocks each week, batch small tasks between meetings and decline or shorten meetings that do not need you.",
		},
		{
			question: "Is this about working longer hours?",
			answer: "No. It is about working on the right things with less friction, and having clear boundaries so rest is real rest.",
		},
		{
			question: "Can I use it for personal goals too?",
			answer: "Absolutely. The same weekly review and priority method works for home projects, learning, health and family plans.",
		},
	],
	chapters: [
		{
			title: "Capture everything in one place",
			paragraphs: [
				"Stress often comes from open loops: tasks, promises and ideas held only in memory. The first step in {subject} is a full brain dump. Write down everything you need or want to do, at work and at home, in one list.",
				"Then choose a single trusted inbox for new tasks, such as an app, a notebook or a text file, and commit to capturing anything that takes more than two minutes there. Small tasks under two minutes can be done immediately.",
			],
			tips: ["Do a full brain dump before changing anything else.", "Use one inbox for all new tasks.", "Do anything that takes under two minutes right away."],
		},
		{
			title: "Decide what matters",
			paragraphs: [
				"Not all tasks are equal. Each week, choose three outcomes that would make the week a success, and make sure your days serve them. Urgent tasks will always appear; important ones need deliberate space.",
				"Sort your list into now, next and later, and be honest about what will not happen. Dropping or delegating a task on purpose is better than carrying it as guilt for months.",
			],
			tips: ["Pick three weekly outcomes every Monday.", "Sort tasks into now, next and later.", "Delete or delegate at least one task every week."],
		},
		{
			title: "Plan your days with blocks",
			paragraphs: [
				"Time blocking means assigning tasks to specific times in your calendar. Start with a morning or afternoon block of deep work for your most important task, then fit meetings and smaller tasks around it.",
				"Leave buffers between blocks; tasks take longer than expected. At the end of each day, spend five minutes planning tomorrow so you start with clarity instead of checking email.",
			],
			tips: ["Protect at least one 90-minute focus block each day.", "Add 25 percent buffer to every estimate.", "Plan tomorrow before you finish today."],
		},
		{
			title: "Protect your focus",
			paragraphs: [
				"Every interruption costs more than its duration, because refocusing takes time. Turn off non-essential notifications, close unused tabs and batch email and messages into two or three set times per day.",
				"Design your environment for {subject}: a clear desk, your phone out of reach and a visible signal to others that you are focusing. Small changes in the environment beat heroic willpower.",
			],
			tips: [
				"Check email and messages at set times only.",
				"Put your phone in another room during focus blocks.",
				"Use a single full-screen window for deep work.",
			],
		},
		{
			title: "Build habits that last",
			paragraphs: [
				"Habits make good behaviour automatic. Attach a new habit to an existing one, start absurdly small and make progress visible with a simple tracker. Two minutes done daily beats an hour done occasionally.",
				"Plan for bad days with a minimum version of the habit. When you miss a day, never miss twice; the streak matters less than getting back on track quickly.",
			],
			tips: ["Stack each new habit onto an existing routine.", "Define a two-minute minimum version.", "Never miss twice in a row."],
		},
		{
			title: "Review weekly and reset",
			paragraphs: [
				"The weekly review keeps the whole system alive. Empty your inboxes, review the calendar for the past and next week, update project lists and choose next week's three outcomes.",
				"Use the review to notice patterns: when do you focus best, what derails you, which meetings add little? Adjust the system gently each week and {subject} becomes a lasting part of how you work.",
			],
			tips: [
				"Schedule a 30-minute review at the same time each week.",
				"Note one thing that worked and one to change.",
				"Celebrate finished outcomes, not just busy days.",
			],
		},
	],
	checklist: [
		{
			title: "Set up",
			items: [
				"Do a complete brain dump of every open task",
				"Choose one trusted inbox for new tasks",
				"Turn off non-essential notifications",
				"Set two or three fixed times for email and messages",
				"Create a simple habit tracker",
				"Book a weekly review slot in your calendar",
			],
		},
		{
			title: "Daily",
			items: [
				"Review today's plan before opening email",
				"Work on the most important task first",
				"Protect at least one focus block",
				"Capture new tasks in the inbox immediately",
				"Take a real break away from the screen",
				"Plan tomorrow in five minutes before finishing",
			],
		},
		{
			title: "Weekly",
			items: [
				"Empty every inbox to zero or to a list",
				"Review last week's calendar for loose ends",
				"Choose three outcomes for next week",
				"Delete or delegate at least one task",
				"Check progress on each habit",
				"Block focus time for next week's priorities",
			],
		},
		{
			title: "Monthly",
			items: [
				"Review goals for {subject} and adjust them",
				"Cancel or shorten recurring meetings that add little",
				"Tidy your digital files and desktop",
				"Reflect on when you focus best",
				"Retire a habit or tool that is not helping",
				"Plan one improvement for next month",
			],
		},
	],
};
