import type { DomainPack } from "./types";

/** Studying, teaching, languages, exams and courses. */
export const education: DomainPack = {
	id: "education",
	label: "Learning & teaching",
	keywords: {
		education: 5,
		teach: 4,
		teacher: 5,
		teaching: 5,
		classroom: 5,
		student: 4,
		study: 4,
		studying: 4,
		exam: 5,
		test: 2,
		learn: 3,
		learning: 3,
		language: 4,
		Spanish: 4,
		French: 4,
		German: 4,
		English: 3,
		Japanese: 4,
		Mandarin: 4,
		vocabulary: 4,
		grammar: 4,
		homeschool: 5,
		homeschooling: 5,
		tutor: 5,
		tutoring: 5,
		lesson: 4,
		curriculum: 5,
		course: 3,
		school: 3,
		university: 4,
		college: 4,
		math: 3,
		maths: 3,
		reading: 2,
		kids: 2,
		memory: 3,
		flashcard: 4,
	},
	audience: "learners",
	hues: [44, 212, 268, 28],
	prefersDark: false,
	fonts: ["rounded", "serif"],
	terms: ["active recall", "spaced repetition", "learning goals", "practice tests", "feedback", "note-taking", "study plan", "retrieval practice"],
	outcomes: [
		"learn faster and remember longer",
		"study with a plan instead of rereading",
		"prepare for tests with confidence",
		"keep motivation steady over months",
	],
	features: [
		{
			title: "A study plan that fits your week",
			body: "Turn {subject} into short, scheduled sessions with clear goals, so progress happens even when life is busy.",
		},
		{
			title: "Active recall built in",
			body: "Question prompts and self-tests replace passive rereading, using the technique research consistently shows works best.",
		},
		{
			title: "Spaced repetition schedule",
			body: "Review material at growing intervals so knowledge moves into long-term memory with less total effort.",
		},
		{
			title: "Notes that become questions",
			body: "A note-taking method that turns every page into a set of review questions for later practice.",
		},
		{
			title: "Practice before the real thing",
			body: "Mock tests, timed exercises and worked examples prepare {audience} for the moment it counts.",
		},
		{
			title: "Feedback loops",
			body: "Ways to get useful feedback quickly, from self-marking to study partners and tutors, so mistakes turn into learning.",
		},
		{
			title: "Motivation and momentum",
			body: "Milestones, visible progress and small rewards keep you going through the middle stretch where most people give up.",
		},
		{
			title: "Printable trackers",
			body: "Session logs and topic trackers show what you have covered, what needs review and what comes next.",
		},
	],
	faqs: [
		{
			question: "How much time should I spend on {subject} each day?",
			answer:
				"Short, regular sessions work better than long, irregular ones. Twenty-five to forty-five minutes a day, with a quick review the next day, is a strong baseline for most {audience}.",
		},
		{
			question: "Why not just reread my notes?",
			answer:
				"Rereading feels productive but builds little lasting memory. Testing yourself, explaining ideas in your own words and spacing reviews over time are far more effective, and the kit builds them into every session.",
		},
		{
			question: "Can teachers or parents use it?",
			answer:
				"Yes. The guide explains the methods clearly enough to teach them, and the checklists work as lesson or homework routines for classes and families.",
		},
		{
			question: "What if I keep forgetting what I learned?",
			answer:
				"Forgetting is normal and is actually part of how memory strengthens. The spaced repetition schedule brings material back just as you are about to forget it, which makes each review count.",
		},
		{
			question: "How do I stay motivated?",
			answer:
				"Set small milestones, track sessions visibly and connect {subject} to a goal you care about. The guide also covers what to do on low-energy days so you keep your streak without burning out.",
		},
		{
			question: "Does it cover exam preparation?",
			answer:
				"Yes. There is a dedicated chapter on practice tests, timing and the final weeks before an exam or assessment, including how to review mistakes effectively.",
		},
	],
	chapters: [
		{
			title: "Set clear learning goals",
			paragraphs: [
				"Learning {subject} goes faster when you know exactly what success looks like. Turn a broad aim into specific goals: what you want to be able to do, by when and how you will check it.",
				"Break the subject into topics and order them from foundations to advanced material. A simple topic map shows the whole journey and lets you see progress as you tick topics off.",
			],
			tips: ["Write goals as things you will be able to do.", "List every topic on one page, in order.", "Decide how you will test yourself on each topic."],
		},
		{
			title: "Plan short, regular sessions",
			paragraphs: [
				"Consistency beats intensity. Schedule study sessions at the same time on most days, keep each one focused on a single topic and end with a quick self-test.",
				"Start each session by recalling what you covered last time, then learn something new, then practise it. This simple structure keeps {subject} moving forward without overwhelming you.",
			],
			tips: [
				"Book sessions in your calendar like appointments.",
				"Start each session with two minutes of recall.",
				"Stop while you still have a little energy left.",
			],
		},
		{
			title: "Use active recall",
			paragraphs: [
				"Active recall means retrieving information from memory rather than looking at it again. Close the book and write down what you remember, answer practice questions or explain the idea aloud as if teaching it.",
				"It feels harder than rereading, and that difficulty is exactly what strengthens memory. Turn your notes into questions as you go, so every session produces material for later self-testing.",
			],
			tips: [
				"Write questions in the margin of your notes.",
				"Explain each new idea aloud in plain words.",
				"Check answers only after you have tried to recall them.",
			],
		},
		{
			title: "Space out your reviews",
			paragraphs: [
				"Memory fades quickly at first, then more slowly each time you review. Spaced repetition uses this: review new material after one day, then three days, a week, two weeks and a month.",
				"Flashcards, whether paper or an app, make spacing easy. Keep cards short, one fact or question per card, and be honest when marking yourself. A few minutes a day of spaced review keeps all of {subject} fresh.",
			],
			tips: ["Review new material the next day.", "Keep each flashcard to a single question.", "Do your reviews before learning anything new."],
		},
		{
			title: "Practise under real conditions",
			paragraphs: [
				"Knowing something and performing under pressure are different skills. Use practice tests, timed exercises and real tasks that look like the final goal, whether that is an exam, a conversation or a project.",
				"Review every mistake carefully: was it a gap in knowledge, a misunderstanding or a slip under time pressure? Each type needs a different fix, and a mistakes log shows the patterns.",
			],
			tips: [
				"Take at least one full practice test under timed conditions.",
				"Keep a mistakes log with the cause of each error.",
				"Revisit weak topics within two days of a test.",
			],
		},
		{
			title: "Stay motivated for the long run",
			paragraphs: [
				"Motivation rises and falls; systems keep you going. Track sessions visibly, celebrate milestones and connect {subject} to a reason that matters to you.",
				"Learning with others helps: a study partner, a class or an online group adds accountability and new perspectives. On tired days, do a short minimum session rather than skipping entirely.",
			],
			tips: [
				"Mark every completed session on a visible tracker.",
				"Find a study partner or group.",
				"Define a ten-minute minimum session for low-energy days.",
			],
		},
	],
	checklist: [
		{
			title: "Plan",
			items: [
				"Write specific goals for {subject}",
				"Map all topics on one page",
				"Decide how you will test each topic",
				"Book regular study sessions in your calendar",
				"Prepare a quiet, tidy study space",
				"Set up a flashcard system",
			],
		},
		{
			title: "Each session",
			items: [
				"Start with two minutes of recall from last time",
				"Focus on one topic only",
				"Turn notes into questions",
				"Explain the new idea aloud in plain words",
				"Finish with a short self-test",
				"Log the session and what to review next",
			],
		},
		{
			title: "Review",
			items: [
				"Do spaced reviews before new material",
				"Review new topics the next day",
				"Mark flashcards honestly",
				"Revisit weak topics within two days",
				"Update your topic map with progress",
				"Keep a mistakes log",
			],
		},
		{
			title: "Practise and reflect",
			items: [
				"Take a timed practice test",
				"Analyse the cause of each mistake",
				"Study with a partner or group once a week",
				"Celebrate each completed milestone",
				"Adjust the plan based on results",
				"Teach one topic to someone else",
			],
		},
	],
};
