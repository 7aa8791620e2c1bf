import type { DomainPack } from "./types";

/** Budgeting, saving, investing, debt and retirement. */
export const finance: DomainPack = {
	id: "finance",
	label: "Personal finance",
	keywords: {
		finance: 4,
		financial: 4,
		money: 4,
		budget: 4,
		budgeting: 4,
		saving: 3,
		savings: 4,
		save: 2,
		invest: 4,
		investing: 4,
		retirement: 4,
		retire: 4,
		pension: 4,
		debt: 4,
		credit: 3,
		mortgage: 4,
		tax: 3,
		taxes: 3,
		"401k": 4,
		ira: 3,
		stock: 3,
		etf: 4,
		"index fund": 4,
		wealth: 3,
		frugal: 4,
		income: 2,
		expense: 3,
		"emergency fund": 4,
		"net worth": 4,
		fire: 1,
		loan: 3,
	},
	audience: "savers",
	hues: [158, 172, 205],
	prefersDark: false,
	fonts: ["sans", "serif"],
	terms: ["emergency fund", "savings rate", "compound growth", "asset allocation", "index funds", "cash flow", "fees", "net worth"],
	outcomes: [
		"know where every pound, dollar or euro goes",
		"build savings automatically",
		"invest with a plan instead of a hunch",
		"make money decisions with less stress",
	],
	features: [
		{
			title: "A clear money map",
			body: "Start with a one-page picture of income, fixed costs, flexible spending and savings, the foundation for every {subject} decision.",
		},
		{
			title: "Automation first",
			body: "Step-by-step set-up of automatic transfers on payday, so saving happens before spending and willpower is not required.",
		},
		{
			title: "Emergency fund plan",
			body: "Work out your target buffer, where to keep it and how fast to build it, so surprises stop turning into debt.",
		},
		{
			title: "Plain-English investing",
			body: "Diversification, fees, risk and time horizon explained without jargon, with the questions to ask before you put money anywhere.",
		},
		{
			title: "Debt payoff strategies",
			body: "Compare the avalanche and snowball methods with worked examples and pick the one you will actually stick with.",
		},
		{
			title: "Worksheets you can reuse",
			body: "Budget, net-worth and goal worksheets in plain text you can copy into any spreadsheet and update monthly.",
		},
		{
			title: "Goals with numbers",
			body: "Turn vague wishes about {subject} into targets with an amount, a date and a monthly contribution you can check.",
		},
		{
			title: "An annual money review",
			body: "A one-hour yearly routine to check fees, rebalance, update insurance and raise contributions as income grows.",
		},
	],
	faqs: [
		{
			question: "Is this financial advice?",
			answer:
				"No. The kit is educational material about {subject}. It explains principles and gives you worksheets and questions, but it does not know your full situation. For decisions about specific products or taxes, speak to a qualified, regulated adviser.",
		},
		{
			question: "I do not earn much. Will this still help?",
			answer:
				"Yes. The habits in the kit, such as tracking spending, automating small transfers and avoiding high-interest debt, matter most when money is tight. The examples use percentages so they scale to any income.",
		},
		{
			question: "Which country does it cover?",
			answer:
				"The principles are universal: spend less than you earn, keep a buffer, avoid high-interest debt and invest for the long term at low cost. Where rules differ by country, such as tax-advantaged accounts, the guide tells you what to look up locally.",
		},
		{
			question: "How much time does it take?",
			answer:
				"About two hours to set up your money map and automation, then around fifteen minutes a week and one longer review each year. Most of the benefit comes from the initial set-up.",
		},
		{
			question: "Should I pay off debt or save first?",
			answer:
				"Usually build a small starter emergency fund first, then attack high-interest debt, then build the full fund and invest. The guide walks through this order and the exceptions to it.",
		},
		{
			question: "What if I have already started investing?",
			answer:
				"Use the review chapter to check fees, diversification and whether your current mix matches your time horizon. Many {audience} find that simplifying an existing portfolio is the biggest win.",
		},
	],
	chapters: [
		{
			title: "Know your numbers",
			paragraphs: [
				"Every {subject} plan starts with facts. Gather three months of statements and sort spending into fixed costs, flexible spending and irregular bills. Add up your take-home income. The gap between the two is the raw material for everything else.",
				"Then list what you own and what you owe to get your net worth. The number itself matters less than its direction; you will update it monthly and watch it move.",
			],
			tips: [
				"Use three months of data, not one, to smooth out unusual spending.",
				"Include annual bills by dividing them by twelve.",
				"Write your current savings rate as a percentage of income.",
			],
		},
		{
			title: "Build a budget you can keep",
			paragraphs: [
				"A budget is a plan for money before it arrives, not a punishment. Start with broad categories: essentials, savings and debt payments, and everything else. Many people find a simple split such as 50/30/20 a helpful starting point, then adjust it to real life.",
				"The best budgeting method for {subject} is the one you will check every week. If detailed tracking feels heavy, budget only the few categories where spending tends to leak, and automate the rest.",
			],
			tips: [
				"Give every category a monthly limit and a weekly check-in.",
				"Keep a small guilt-free spending allowance so the plan survives.",
				"Review subscriptions and cancel anything unused for a month.",
			],
		},
		{
			title: "Automate your savings",
			paragraphs: [
				"Willpower is unreliable; automation is not. Schedule transfers to savings and investment accounts for the day after payday, so the money moves before you can spend it. Treat those transfers like a bill you owe your future self.",
				"Start with an amount that feels slightly uncomfortable and raise it by one or two percentage points whenever your income rises. Over years, these small increases drive more of the result than any clever product choice.",
			],
			tips: ["Set transfers for the day after payday.", "Use separate, named accounts for separate goals.", "Raise your savings rate with every pay rise."],
		},
		{
			title: "Protect yourself with a buffer",
			paragraphs: [
				"An emergency fund turns an unexpected bill from a crisis into an inconvenience. A common target is three to six months of essential expenses, kept in an easy-access savings account rather than invested.",
				"Build it in stages: first one month of essentials, then pay down expensive debt, then complete the fund. Once it exists, only use it for genuine emergencies and refill it as a priority.",
			],
			tips: [
				"Calculate essentials only, not your full lifestyle spending.",
				"Keep the fund in a separate account you do not see daily.",
				"Check that insurance covers the risks a fund cannot.",
			],
		},
		{
			title: "Invest for the long term",
			paragraphs: [
				"Investing is how savings outgrow inflation. For most {audience}, low-cost, broadly diversified funds held for many years are a sensible core. Time in the market and low fees matter more than picking winners.",
				"Match risk to your time horizon: money needed within a few years should not depend on the stock market, while long-term money such as retirement savings can ride out downturns. Decide your mix in advance and rebalance once a year instead of reacting to the news.",
			],
			tips: [
				"Compare total annual fees before choosing any fund or platform.",
				"Use tax-advantaged accounts available where you live first.",
				"Write down your plan so you can re-read it when markets fall.",
			],
		},
		{
			title: "Review, adjust and stay on track",
			paragraphs: [
				"A fifteen-minute weekly check and a one-hour annual review keep {subject} on course. Weekly, compare spending with the plan. Yearly, check fees, rebalance, update goals and raise contributions.",
				"Life changes, and the plan should too. A new job, a move or a new family member is a trigger to redo your numbers rather than a reason to abandon the system you built.",
			],
			tips: [
				"Put the annual review in your calendar now.",
				"Track net worth monthly in one line.",
				"Celebrate milestones, such as your first full month of expenses saved.",
			],
		},
	],
	checklist: [
		{
			title: "Set up",
			items: [
				"Gather three months of bank and card statements",
				"Calculate monthly take-home income",
				"Sort spending into fixed, flexible and irregular",
				"List debts with balance and interest rate",
				"Work out your current net worth",
				"Write down your savings rate as a percentage",
			],
		},
		{
			title: "Automate",
			items: [
				"Open a separate account for the emergency fund",
				"Schedule a savings transfer for the day after payday",
				"Set up automatic minimum payments on every debt",
				"Automate contributions to a long-term investment account",
				"Name each savings account after its goal",
				"Turn on alerts for low balances and large payments",
			],
		},
		{
			title: "Protect and grow",
			items: [
				"Reach one month of essential expenses in savings",
				"Target the highest-interest debt first or choose the snowball method",
				"Check the total fees of every fund and platform you use",
				"Review insurance cover for health, home and income",
				"Decide your long-term asset mix and write it down",
				"Learn the tax-advantaged accounts available to you",
			],
		},
		{
			title: "Keep it going",
			items: [
				"Do a fifteen-minute spending check every week",
				"Update net worth once a month",
				"Rebalance investments once a year",
				"Raise contributions after every pay rise",
				"Cancel subscriptions you have not used in a month",
				"Schedule your annual {subject} review",
			],
		},
	],
};
