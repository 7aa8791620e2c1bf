import type { DomainPack } from "./types";

/** Small businesses, freelancing, shops and side projects. */
export const business: DomainPack = {
	id: "business",
	label: "Small business",
	keywords: {
		business: 4,
		"small business": 5,
		startup: 4,
		entrepreneur: 5,
		freelance: 5,
		freelancer: 5,
		freelancing: 5,
		Etsy: 5,
		Shopify: 5,
		ecommerce: 5,
		"e-commerce": 5,
		shop: 3,
		store: 3,
		bakery: 2,
		cafe: 2,
		restaurant: 2,
		salon: 3,
		"side hustle": 5,
		pricing: 4,
		invoice: 4,
		client: 3,
		customer: 3,
		sales: 3,
		consulting: 4,
		consultant: 4,
		agency: 4,
		"business plan": 5,
		bookkeeping: 5,
		profit: 4,
		revenue: 4,
		wholesale: 4,
		craft: 2,
		handmade: 3,
		coaching: 3,
	},
	audience: "small business owners",
	hues: [172, 188, 24, 150],
	prefersDark: false,
	fonts: ["sans", "geometric"],
	terms: ["pricing", "cash flow", "ideal customer", "offers", "repeat business", "bookkeeping", "systems", "reviews"],
	outcomes: [
		"price with confidence and protect your margins",
		"win more repeat customers",
		"run the business on simple systems",
		"know your numbers every month",
	],
	features: [
		{
			title: "Pricing that protects your margin",
			body: "Work out real costs, set prices with a healthy margin and explain them confidently, the foundation of a sustainable {subject} business.",
		},
		{
			title: "A clear ideal customer",
			body: "Define who you serve best, what they value and where to find them, so marketing and offers get sharper.",
		},
		{
			title: "Offers people understand",
			body: "Package products or services into clear offers with a simple promise, scope and price.",
		},
		{
			title: "Cash flow basics",
			body: "A one-page monthly money view for {audience}: what comes in, what goes out and what you need in reserve.",
		},
		{
			title: "Systems that save hours",
			body: "Templates and routines for enquiries, orders, invoices and follow-ups, so the business runs without constant firefighting.",
		},
		{
			title: "Customers who come back",
			body: "Simple ways to delight, follow up and ask for reviews and referrals, the cheapest growth there is.",
		},
		{
			title: "Local and online visibility",
			body: "Make sure customers can find, trust and contact you: listings, a clear website page and social profiles that convert.",
		},
		{
			title: "A monthly business review",
			body: "One hour a month to review numbers, customers and priorities, and decide the next improvement.",
		},
	],
	faqs: [
		{
			question: "Is this suitable if I am just starting {subject}?",
			answer:
				"Yes. The kit starts with the foundations, costs, pricing, customers and offers, and builds up to systems and growth. If you are already trading, you can jump to the chapters that fix your current bottleneck.",
		},
		{
			question: "How do I know if my prices are too low?",
			answer:
				"If you are busy but profit is thin, or you cannot afford to pay yourself properly, prices are probably too low. The pricing chapter shows how to calculate the minimum viable price and test increases safely.",
		},
		{
			question: "Do I need an accountant?",
			answer:
				"The kit helps you understand and track your numbers, but it does not replace professional advice on tax and legal structure. Many {audience} find that an accountant pays for themselves; the guide lists what to ask.",
		},
		{
			question: "How much time will the systems take to set up?",
			answer:
				"Most templates take an hour or two to adapt. Start with the process that causes the most pain, often enquiries or invoicing, and add others over the following weeks.",
		},
		{
			question: "Will this help me get more customers?",
			answer:
				"Yes, through clearer positioning, better visibility and systematic follow-up. Repeat customers and referrals are covered in detail because they are usually the fastest, cheapest source of growth.",
		},
		{
			question: "Does it work for online and local businesses?",
			answer:
				"Yes. The principles of pricing, offers, customer care and systems are the same; where tactics differ, the guide covers both local and online options.",
		},
	],
	chapters: [
		{
			title: "Know your costs and numbers",
			paragraphs: [
				"Every decision in {subject} is easier when you know your numbers. List your fixed costs, such as rent, software and insurance, and your variable costs per sale, such as materials, packaging, fees and delivery. Include a fair wage for your own time.",
				"Track income and expenses monthly in a simple sheet. Three numbers matter most: revenue, profit and cash in the bank. Watching them every month turns surprises into early warnings.",
			],
			tips: [
				"Calculate the full cost of one sale, including your time.",
				"Separate business and personal bank accounts.",
				"Update revenue, profit and cash every month.",
			],
		},
		{
			title: "Price for profit",
			paragraphs: [
				"Price is a signal of value, not just a number. Start from your costs to find the minimum price, then look at the value to the customer and at comparable offers to find the right price.",
				"Small businesses usually undercharge. Test price increases on new customers first, explain the value clearly and remember that a few customers leaving over price can still leave you with more profit and more time.",
			],
			tips: ["Never price below cost plus a fair wage.", "Review prices at least once a year.", "Raise prices for new customers first."],
		},
		{
			title: "Know your ideal customer",
			paragraphs: [
				"You cannot serve everyone well. Describe the customers who value your work most, pay happily and return: what they need, what they worry about and how they decide to buy.",
				"Use their words in your descriptions and find out where they already look for solutions. In {subject}, a clear customer picture makes every decision, from product range to opening hours, easier.",
			],
			tips: ["Describe your best three customers in detail.", "Ask customers why they chose you.", "Use their words on your website and signs."],
		},
		{
			title: "Get found and build trust",
			paragraphs: [
				"Customers need to find you and trust you quickly. Keep listings, opening hours and contact details accurate everywhere, show clear photos and prices, and make the next step obvious, whether that is booking, ordering or calling.",
				"Reviews and real examples build trust faster than claims. Ask happy customers for a review at the right moment and reply to every review, good or bad, politely and promptly.",
			],
			tips: ["Check every online listing for accurate details.", "Ask for a review right after a good experience.", "Reply to every review within a few days."],
		},
		{
			title: "Build simple systems",
			paragraphs: [
				"Systems free you from doing everything from memory. Write short checklists and templates for repeated tasks: answering enquiries, taking orders, invoicing, onboarding and following up.",
				"Automate what you can cheaply, such as booking, reminders and invoice chasing. Each hour saved is an hour you can spend on customers, products or rest.",
			],
			tips: ["Template your five most common emails.", "Send invoices the same day the work is done.", "Keep a checklist for every repeated process."],
		},
		{
			title: "Grow through repeat business",
			paragraphs: [
				"Keeping a customer costs far less than finding a new one. Follow up after purchases, remember preferences, offer a reason to return and make referrals easy.",
				"Hold a monthly review: numbers, customer feedback and one improvement for next month. Steady, deliberate improvements compound into a healthier {subject} business over a year.",
			],
			tips: ["Follow up with every customer after a purchase.", "Create a simple reason to come back.", "Choose one improvement per month and finish it."],
		},
	],
	checklist: [
		{
			title: "Foundations",
			items: [
				"List fixed and variable costs",
				"Calculate the full cost of one sale",
				"Open a separate business bank account",
				"Set a minimum price including a fair wage",
				"Describe your ideal customer for {subject}",
				"Write a one-sentence offer for each product or service",
			],
		},
		{
			title: "Visibility and trust",
			items: [
				"Update listings, hours and contact details everywhere",
				"Add clear photos and prices",
				"Make the next step obvious on every page",
				"Ask happy customers for reviews",
				"Reply to every review",
				"Collect permission-based customer emails",
			],
		},
		{
			title: "Systems",
			items: [
				"Template the five most common emails",
				"Create a checklist for taking orders or bookings",
				"Send invoices on the day work is done",
				"Automate reminders and follow-ups",
				"Keep receipts organised every week",
				"Back up customer and financial records",
			],
		},
		{
			title: "Monthly review",
			items: [
				"Update revenue, profit and cash",
				"Review customer feedback",
				"Check prices against costs",
				"Follow up with recent customers",
				"Choose one improvement for next month",
				"Set aside money for tax and reserves",
			],
		},
	],
};
