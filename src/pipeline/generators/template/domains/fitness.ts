import type { DomainPack } from "./types";

/** Training, running, strength, mobility and health habits. */
export const fitness: DomainPack = {
	id: "fitness",
	label: "Fitness & training",
	keywords: {
		fitness: 4,
		workout: 4,
		marathon: 4,
		running: 3,
		runner: 3,
		run: 2,
		"5k": 3,
		"10k": 3,
		"half marathon": 4,
		gym: 3,
		strength: 3,
		muscle: 3,
		yoga: 3,
		pilates: 3,
		cardio: 3,
		hiit: 3,
		cycling: 3,
		triathlon: 4,
		swim: 2,
		exercise: 3,
		"weight loss": 4,
		training: 1,
		mobility: 3,
		stretch: 2,
		calisthenics: 4,
		kettlebell: 4,
		athlete: 3,
		endurance: 3,
		posture: 2,
		nutrition: 2,
		steps: 1,
	},
	audience: "active people",
	hues: [2, 12, 350],
	prefersDark: false,
	fonts: ["geometric", "sans"],
	terms: ["progressive overload", "recovery", "easy pace", "warm-up", "training load", "mobility", "sleep", "consistency"],
	outcomes: [
		"train consistently without burning out",
		"see measurable progress every month",
		"stay injury-free while you push harder",
		"know exactly what to do in each session",
	],
	features: [
		{
			title: "A week-by-week plan",
			body: "Sessions for every week with clear targets, so {subject} becomes a schedule you follow instead of a decision you make every morning.",
		},
		{
			title: "Progress that adds up",
			body: "Built on progressive overload: small, planned increases in volume or intensity that your body can absorb without setbacks.",
		},
		{
			title: "Recovery built in",
			body: "Rest days, easy sessions and sleep targets are part of the plan, because adaptation happens between workouts, not during them.",
		},
		{
			title: "Warm-ups and mobility",
			body: "Ten-minute routines prepare joints and muscles for {subject} and cut the aches that make people skip the next session.",
		},
		{
			title: "Effort you can measure",
			body: "Use a simple 1 to 10 effort scale, heart rate or pace to keep easy days easy and hard days genuinely hard.",
		},
		{
			title: "Fuel and hydration basics",
			body: "Practical guidance on eating around training, without fad diets: what to have before, during and after longer or harder sessions.",
		},
		{
			title: "A training log that motivates",
			body: "A one-line-per-session log makes trends visible, so you can see your fitness improving long before the mirror or the scale shows it.",
		},
		{
			title: "Plans for real life",
			body: "Missed a week, got ill or travelled? Clear rules for getting back on track without cramming sessions or starting over.",
		},
	],
	faqs: [
		{
			question: "How many days a week do I need for {subject}?",
			answer:
				"Three to four focused sessions a week is enough for steady progress for most {audience}. The plan shows which sessions matter most, so a busy week can shrink to two without losing momentum.",
		},
		{
			question: "What if I miss a session?",
			answer:
				"Skip it and carry on with the next one. Never double up to catch up. If you miss more than a week, repeat the previous week before moving forward; the guide explains exactly how.",
		},
		{
			question: "How do I avoid injury?",
			answer:
				"Increase load gradually, warm up every time, keep most sessions at an easy effort and treat sharp or worsening pain as a signal to stop. The kit is general guidance, so check with a doctor if you have a medical condition.",
		},
		{
			question: "Do I need a gym or special gear?",
			answer:
				"No. Every session has a version that needs little or no equipment. Good shoes and a way to time yourself are the only essentials; anything else is listed as optional.",
		},
		{
			question: "How will I know the plan is working?",
			answer:
				"Each month you repeat a simple benchmark test and compare it with your first result. Improving times, more repetitions or a lower heart rate at the same effort all count as progress.",
		},
		{
			question: "Can I combine this with other sports?",
			answer:
				"Yes. Treat other sports as part of your weekly load, keep at least one full rest day and move hard sessions so they do not fall on back-to-back days.",
		},
	],
	chapters: [
		{
			title: "Start from where you are",
			paragraphs: [
				"Every good {subject} plan starts with an honest baseline. Before changing anything, record what a normal week looks like now: how often you move, how long, how hard it feels and how you sleep. That snapshot is the yardstick for everything that follows.",
				"Then run a simple benchmark you can repeat every four weeks, such as a timed distance, a set number of repetitions or a fixed route. Keep the test identical each time so the comparison is fair.",
			],
			tips: [
				"Write down your baseline before your first session, not after.",
				"Choose a benchmark you can repeat in the same conditions.",
				"Set one goal for the next eight weeks and one for the year.",
			],
		},
		{
			title: "How training actually works",
			paragraphs: [
				"Fitness improves when you apply a little more stress than you are used to, then recover. This is progressive overload. Too little stress and nothing changes; too much and you get tired, sore or injured. The skill in {subject} is finding the middle.",
				"A useful rule is to raise total weekly volume by no more than about ten percent, and to follow every third build week with a lighter one. Planned easy weeks feel unnecessary but they are where your body catches up.",
			],
			tips: [
				"Change only one variable at a time: volume, intensity or frequency.",
				"Schedule a lighter week every third or fourth week.",
				"Keep around 80 percent of sessions at an easy, conversational effort.",
			],
		},
		{
			title: "Structure your week",
			paragraphs: [
				"A balanced week for {subject} mixes three kinds of session: easy sessions that build a base, one or two harder sessions that push your limits, and rest or mobility days. Spread the hard days apart so you arrive at each one fresh.",
				"Put the sessions in your calendar like appointments. Morning sessions are easier to protect from the day's surprises, but the best time is simply the one you can repeat week after week.",
			],
			tips: [
				"Never place two hard sessions on consecutive days.",
				"Prepare kit the night before to remove morning friction.",
				"Have a 20-minute fallback session for chaotic days.",
			],
		},
		{
			title: "Technique, warm-up and mobility",
			paragraphs: [
				"Good form makes every repetition count and keeps joints happy. Learn the key movements of {subject} slowly and with light load, film yourself occasionally and compare with a reference. Quality first, then quantity, then intensity.",
				"A warm-up of five to ten minutes, easy movement followed by dynamic stretches and a few build-ups, raises temperature and prepares your nervous system. Keep longer static stretching and mobility work for after the session or separate days.",
			],
			tips: [
				"Start every session with at least five minutes of easy movement.",
				"Record a short video of your form once a month.",
				"Add two short mobility sessions to your week.",
			],
		},
		{
			title: "Recovery, sleep and fuel",
			paragraphs: [
				"Recovery is where training turns into fitness. Sleep is the most powerful tool: aim for seven to nine hours and a regular bedtime. Short walks, gentle mobility and easy days help more than complete inactivity.",
				"Eat enough to support the work. A balanced meal with protein and carbohydrate within a couple of hours after harder sessions helps repair, and drinking regularly through the day matters more than gulping water mid-workout.",
			],
			tips: [
				"Track sleep hours alongside your sessions in the log.",
				"Include protein in each main meal.",
				"Treat persistent fatigue as a signal to take an easier week.",
			],
		},
		{
			title: "Track progress and stay motivated",
			paragraphs: [
				"Motivation follows progress, so make progress visible. Log every session in one line: date, what you did, how hard it felt and one note. Review the log weekly and re-test your benchmark every month.",
				"Expect plateaus and bad weeks; they are part of {subject}, not a sign of failure. When progress stalls, check sleep, stress and consistency before changing the plan itself. Most stalls are solved by recovery, not by more work.",
			],
			tips: [
				"Review your training log every Sunday for five minutes.",
				"Celebrate consistency streaks, not only personal bests.",
				"Find a training partner or group for at least one session a week.",
			],
		},
	],
	checklist: [
		{
			title: "Getting ready",
			items: [
				"Record your current weekly activity as a baseline",
				"Choose and complete your benchmark test",
				"Set one eight-week goal for {subject}",
				"Check that your shoes and kit are in good condition",
				"Block your training sessions in the calendar",
				"Check with a doctor if you have a health condition",
			],
		},
		{
			title: "Every session",
			items: [
				"Warm up for at least five minutes",
				"Know the purpose of today's session before you start",
				"Keep easy sessions truly easy",
				"Focus on form before adding load or speed",
				"Cool down and stretch gently afterwards",
				"Log the session in one line",
			],
		},
		{
			title: "Every week",
			items: [
				"Complete your planned hard sessions on non-consecutive days",
				"Take at least one full rest day",
				"Do two short mobility sessions",
				"Average seven or more hours of sleep",
				"Review your log and note how your body feels",
				"Plan next week's sessions before Monday",
			],
		},
		{
			title: "Every month",
			items: [
				"Repeat your benchmark test in the same conditions",
				"Compare results with your baseline",
				"Schedule a lighter recovery week",
				"Adjust goals based on real progress",
				"Replace worn-out shoes or equipment",
				"Pick one skill of {subject} to focus on next month",
			],
		},
	],
};
