import type { DomainPack } from "./types";

/** Social media, content, email, SEO and advertising. */
export const marketing: DomainPack = {
	id: "marketing",
	label: "Marketing & growth",
	keywords: {
		marketing: 5,
		Instagram: 4,
		TikTok: 4,
		YouTube: 3,
		LinkedIn: 4,
		Pinterest: 4,
		Facebook: 3,
		"social media": 5,
		seo: 4,
		brand: 3,
		branding: 3,
		advertising: 4,
		ads: 3,
		newsletter: 4,
		"email marketing": 5,
		content: 2,
		copywriting: 4,
		audience: 2,
		followers: 4,
		influencer: 4,
		funnel: 4,
		launch: 2,
		campaign: 4,
		promotion: 3,
		promote: 3,
		engagement: 3,
		viral: 3,
		podcast: 2,
		blog: 2,
	},
	audience: "marketers",
	hues: [328, 342, 12, 280],
	prefersDark: false,
	fonts: ["geometric", "sans"],
	terms: ["content pillars", "posting cadence", "hooks", "calls to action", "analytics", "audience research", "email list", "conversion"],
	outcomes: [
		"post with a plan instead of scrambling for ideas",
		"grow an audience that actually buys",
		"turn followers into subscribers and customers",
		"know which content works and why",
	],
	features: [
		{
			title: "Content pillars for {subject}",
			body: "Define three to five themes your audience cares about, so every post has a purpose and ideas never run dry.",
		},
		{
			title: "A 30-day content calendar",
			body: "A ready-made posting rhythm with formats for each day, which you fill in once a week in under an hour.",
		},
		{
			title: "Hooks and captions that work",
			body: "Proven opening-line patterns and caption structures that stop the scroll and lead to one clear call to action.",
		},
		{
			title: "Know your audience",
			body: "A short research routine: where your people spend time, what they ask, and the words they use to describe their problems.",
		},
		{
			title: "Simple, honest analytics",
			body: "Track the handful of numbers that matter for {subject}, such as reach, saves, clicks and sign-ups, and ignore vanity metrics.",
		},
		{
			title: "From followers to customers",
			body: "Move people from a post to an email list or offer with a clear path, rather than hoping likes turn into sales.",
		},
		{
			title: "Repurposing system",
			body: "Turn one strong idea into a post, a short video, an email and a carousel, so each piece of work goes further.",
		},
		{
			title: "Community engagement routine",
			body: "Fifteen minutes a day of replies, comments and conversations that build the relationships algorithms reward.",
		},
	],
	faqs: [
		{
			question: "How often should I post for {subject}?",
			answer:
				"Consistency beats volume. Three to five quality posts a week that you can sustain will outperform a burst of daily posting followed by silence. The calendar in the kit is built around a rhythm you can keep.",
		},
		{
			question: "Do I need a big budget?",
			answer:
				"No. The kit focuses on organic growth: clear positioning, useful content and genuine engagement. Paid promotion is covered as an optional amplifier once you know which content already performs.",
		},
		{
			question: "How long until I see results?",
			answer:
				"Expect early signals, such as more saves, replies and profile visits, within four to six weeks of consistent posting. Meaningful growth in followers and sales usually takes three months or more.",
		},
		{
			question: "What if I do not like being on camera?",
			answer:
				"Many formats work without showing your face: carousels, text posts, behind-the-scenes shots of hands and products, screen recordings and voice-overs. The kit suggests options for each content pillar.",
		},
		{
			question: "Which metrics should I track?",
			answer:
				"Track reach to see if new people find you, saves and shares to see if content is valuable, and clicks or sign-ups to see if it drives action. Review them weekly and double down on what works.",
		},
		{
			question: "Will this work if the algorithm changes?",
			answer:
				"The fundamentals, knowing your audience, solving their problems and building an email list you own, survive every algorithm change. Platform-specific tactics are kept separate so they are easy to update.",
		},
	],
	chapters: [
		{
			title: "Know who you are talking to",
			paragraphs: [
				"Effective {subject} starts with a specific audience. Describe your ideal customer in a few sentences: what they want, what frustrates them, where they spend time online and which words they use. Vague audiences produce vague content.",
				"Collect real language. Read comments, reviews, forum threads and questions people ask you directly, and save the exact phrases. These become headlines, hooks and captions that feel familiar to the people you want to reach.",
			],
			tips: [
				"Write a one-paragraph description of your ideal customer.",
				"Save twenty real questions your audience asks.",
				"List the three platforms where they spend the most time.",
			],
		},
		{
			title: "Define your positioning and pillars",
			paragraphs: [
				"Positioning is the one sentence that explains who you help, with what, and why you rather than anyone else. Once it is clear, choose three to five content pillars: recurring themes that support it, such as tips, behind the scenes, stories and offers.",
				"Pillars keep {subject} focused and make planning fast. Each week, aim for a mix across pillars so your feed educates, builds trust and sells, in roughly that order of frequency.",
			],
			tips: [
				"Write your positioning in one sentence and test it on a friend.",
				"Choose three to five content pillars and name them.",
				"Keep promotional posts to about one in five.",
			],
		},
		{
			title: "Create content that earns attention",
			paragraphs: [
				"The first line or first second decides whether anyone sees the rest. Open with a hook: a surprising fact, a bold claim, a question or a clear promise. Then deliver on it quickly with one idea per post.",
				"Make content easy to consume and easy to save: short paragraphs, clear visuals, steps people can follow. End with a single call to action, such as save this, reply with a question or join the list, rather than several competing ones.",
			],
			tips: ["Write three hook options for every post and pick the strongest.", "Keep one idea per post.", "End with exactly one call to action."],
		},
		{
			title: "Plan and batch your calendar",
			paragraphs: [
				"A calendar turns {subject} from a daily scramble into a weekly routine. Set a realistic cadence, assign pillars to days and batch-create a week of posts in one session.",
				"Schedule posts in advance and keep a swipe file of ideas so you never start from a blank page. Leave room for timely posts, but let the plan carry the baseline.",
			],
			tips: ["Batch-create content in one weekly session.", "Keep an ideas list in your phone's notes.", "Schedule posts at least a few days ahead."],
		},
		{
			title: "Engage and build community",
			paragraphs: [
				"Social platforms reward conversation. Reply to every comment in the first hour after posting, join discussions in your niche and leave thoughtful comments on other accounts your audience follows.",
				"Give people a way to stay in touch beyond the platform. An email list is the one audience you own; offer something genuinely useful in exchange for an address and send regular, valuable emails.",
			],
			tips: [
				"Spend fifteen minutes a day replying and commenting.",
				"Add a clear sign-up link to your profile.",
				"Send your list something useful at least twice a month.",
			],
		},
		{
			title: "Measure and improve",
			paragraphs: [
				"Review your numbers weekly. Look for patterns: which pillars, formats and hooks earn the most saves, shares and clicks? Do more of what works and retire what does not.",
				"Run small experiments, such as a new format, a different posting time or a new hook style, one at a time for two weeks each. Over a few months, these experiments compound into a {subject} strategy tuned to your audience.",
			],
			tips: [
				"Check analytics at the same time each week.",
				"Run one experiment at a time for two weeks.",
				"Keep a log of what you tested and what you learned.",
			],
		},
	],
	checklist: [
		{
			title: "Foundations",
			items: [
				"Describe your ideal customer in one paragraph",
				"Write your positioning in one sentence",
				"Choose three to five content pillars",
				"Optimise your profile name, photo, bio and link",
				"Collect twenty real audience questions",
				"Set one measurable goal for {subject} this quarter",
			],
		},
		{
			title: "Content creation",
			items: [
				"Write three hook options for each post",
				"Keep one clear idea per post",
				"Add a single call to action",
				"Check visuals are readable on a small phone screen",
				"Add alt text or captions for accessibility",
				"Repurpose your best post into another format",
			],
		},
		{
			title: "Weekly routine",
			items: [
				"Batch-create next week's posts in one session",
				"Schedule posts ahead of time",
				"Reply to comments within an hour of posting",
				"Engage with ten accounts your audience follows",
				"Send one useful email to your list",
				"Add new ideas to your swipe file",
			],
		},
		{
			title: "Measure",
			items: [
				"Record reach, saves, shares and clicks weekly",
				"Identify your top three posts and why they worked",
				"Run one two-week experiment",
				"Retire a format that consistently underperforms",
				"Track sign-ups and sales, not just followers",
				"Review the quarter's goal and adjust the plan",
			],
		},
	],
};
