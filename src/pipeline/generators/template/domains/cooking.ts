import type { DomainPack } from "./types";

/** Home cooking, baking, meal prep and drinks. */
export const cooking: DomainPack = {
	id: "cooking",
	label: "Cooking & baking",
	keywords: {
		cook: 3,
		cooking: 3,
		bake: 3,
		baking: 3,
		sourdough: 4,
		bread: 3,
		recipe: 3,
		kitchen: 3,
		"meal prep": 4,
		meal: 2,
		cuisine: 3,
		vegan: 2,
		vegetarian: 2,
		pastry: 3,
		cake: 3,
		dessert: 3,
		grill: 3,
		bbq: 3,
		barbecue: 3,
		pasta: 3,
		pizza: 3,
		coffee: 2,
		ferment: 3,
		chef: 3,
		soup: 3,
		food: 2,
		dinner: 2,
		lunch: 2,
		breakfast: 2,
		spice: 2,
		cookie: 3,
		chocolate: 2,
		sushi: 3,
		ramen: 3,
		curry: 3,
		noodle: 3,
		salad: 3,
		smoothie: 3,
		cocktail: 3,
		wine: 2,
		homebrew: 3,
		cheese: 2,
		"meal planning": 4,
	},
	audience: "home cooks",
	hues: [14, 24, 34],
	prefersDark: false,
	fonts: ["serif", "rounded"],
	terms: ["mise en place", "seasoning", "heat control", "meal planning", "fermentation", "knife skills", "batch cooking", "flavour balance"],
	outcomes: [
		"cook with confidence instead of following recipes blindly",
		"get consistent results from your own oven and pans",
		"plan a week of food without stress",
		"fix a dish before it reaches the table",
	],
	features: [
		{
			title: "Methods that explain the why",
			body: "Every step says why it matters, so {subject} stops being guesswork and you can adapt when your flour, pan or oven behaves differently.",
		},
		{
			title: "A realistic weekly rhythm",
			body: "A planning page turns {subject} into a routine that fits real evenings: what to prep at the weekend, what to cook fresh and what keeps well.",
		},
		{
			title: "Mise en place made simple",
			body: "Prep lists show what to weigh, chop and preheat before you start, so the cooking itself stays calm and on time.",
		},
		{
			title: "Troubleshooting by symptom",
			body: "Dense, flat, bland, burnt or soggy? Look up what you see, find the likely cause and the one change to try on your next attempt.",
		},
		{
			title: "An honest ingredient guide",
			body: "Learn which ingredients are worth paying more for in {subject}, which swaps work, and how to store what you buy so less ends up in the bin.",
		},
		{
			title: "Equipment without the upsell",
			body: "A short list of the tools that genuinely make a difference, plus cheap alternatives that work almost as well while you are starting out.",
		},
		{
			title: "Taste-and-adjust habits",
			body: "Quick checks for salt, acid, sweetness and texture help you correct a dish while it is still in the pan rather than after it is served.",
		},
		{
			title: "A practice log that teaches you",
			body: "Record temperatures, timings and results for each attempt. After a few weeks your notes show exactly what improves your {subject}.",
		},
	],
	faqs: [
		{
			question: "Do I need special equipment for {subject}?",
			answer:
				"No. The guide assumes a normal home kitchen: a sharp knife, a couple of pans or tins, a digital scale and an oven or hob. Where a specialist tool really helps, it says so and suggests a budget alternative you probably already own.",
		},
		{
			question: "How soon will I see an improvement?",
			answer:
				"Most {audience} notice a difference within three or four sessions, because the checklist has you change one thing at a time and write down the result. Steady repetition matters far more than talent.",
		},
		{
			question: "What if a recipe does not turn out?",
			answer:
				"That is expected and useful. Match what you see to the symptoms in the troubleshooting chapter, adjust a single variable and try again. A failed batch is information, not wasted time.",
		},
		{
			question: "Can I adapt it for dietary needs?",
			answer:
				"Yes. The kit focuses on technique rather than a fixed recipe list, and it points out where common swaps such as plant milk, gluten-free flour or less sugar change the method.",
		},
		{
			question: "Are measurements metric or imperial?",
			answer:
				"Weights are given in grams, with cup or ounce equivalents where it helps. Weighing ingredients is the single easiest way to get repeatable results, so the guide encourages it throughout.",
		},
		{
			question: "How much time does it take each week?",
			answer:
				"Plan on two or three sessions of 30 to 90 minutes. The weekly rhythm shows how to overlap tasks so waiting time, such as resting dough or marinating, happens while you do something else.",
		},
	],
	chapters: [
		{
			title: "Set up your kitchen for {subject}",
			paragraphs: [
				"Good results in {subject} start before the first ingredient is measured. Clear a work surface, put the scale where you can reach it and decide where finished and dirty items will go. A tidy station sounds trivial, but it removes the small delays that make timings slip and food overcook.",
				"Gather a short kit: a sharp chef's knife, a large cutting board, a digital scale, measuring spoons, one heavy pan and one reliable tin or tray. An oven thermometer is the best inexpensive upgrade, because most home ovens run hotter or cooler than the dial says.",
			],
			tips: [
				"Weigh rather than scoop whenever a recipe allows it.",
				"Check your oven with a thermometer once and write down the difference.",
				"Keep tape and a marker nearby to label and date everything you store.",
			],
		},
		{
			title: "Understand your ingredients",
			paragraphs: [
				"Each ingredient in {subject} has a job: structure, moisture, fat, sweetness, acidity or flavour. Once you know which job an ingredient does, substitutions stop being risky, because you can replace it with something that does the same job.",
				"Buy fresh where it shows and save elsewhere. Salt, flour and oil are where consistency matters most, so pick one brand and stick with it while you learn. Changing several ingredients at once makes it impossible to tell what caused a different result.",
			],
			tips: [
				"Taste key ingredients on their own so you know their baseline.",
				"Store flour, spices and nuts airtight and away from heat.",
				"Note the brand of anything that behaved unusually well or badly.",
			],
		},
		{
			title: "Master the core techniques",
			paragraphs: [
				"A handful of techniques carry most of the results in {subject}: controlling heat, judging doneness, mixing without overworking and seasoning in layers. Practise each one on its own before combining them in a more demanding recipe.",
				"Use your senses as well as the timer. Colour, smell, sound and texture tell you more than minutes on a clock, because pans, ovens and ingredients vary. A recipe time is the moment to start checking, not a promise.",
			],
			tips: [
				"Preheat properly; a cold pan or oven is the most common cause of pale, stewed food.",
				"Season a little at each stage rather than all at the end.",
				"Rest cooked food before cutting so juices and crumb can settle.",
			],
		},
		{
			title: "Plan, prep and batch",
			paragraphs: [
				"Planning turns {subject} from a stressful event into a routine. Choose your recipes for the week, write one combined shopping list and spot the tasks that can be done ahead, such as making a sauce, washing greens or mixing a dough the night before.",
				"Batching saves the most time when you group tasks by equipment: everything that needs the oven goes in together, and all the chopping happens in one session. Cool and store food quickly and label it, so you actually use what you made.",
			],
			tips: [
				"Write the week's plan where the whole household can see it.",
				"Cook grains, sauces and bases in double quantities and freeze half.",
				"Keep a running shopping list and add to it the moment something runs out.",
			],
		},
		{
			title: "Fix common problems",
			paragraphs: [
				"Most failures in {subject} come from a short list of causes: temperature, timing, measurement and overmixing. When something goes wrong, resist the urge to change everything. Pick the most likely cause, change only that, and compare the next attempt with your notes.",
				"Keep a simple log with the date, the recipe, what you changed and the result in one sentence. Within a few weeks you will have a personal troubleshooting table that beats any general advice, because it reflects your own kitchen.",
			],
			tips: [
				"Photograph each result; pictures make small differences easy to compare.",
				"If something is too salty, add volume, acid or fat rather than sugar.",
				"When a bake is underdone, lower the temperature and extend the time next round.",
			],
		},
		{
			title: "Build confidence and keep improving",
			paragraphs: [
				"Confidence comes from repetition. Choose two or three signature dishes and make them until you no longer need the recipe. Then vary one element at a time, such as a different herb, grain or fat, and you will learn more than by constantly starting new recipes.",
				"Share what you make and ask specific questions: was it salty enough, was the texture right? Feedback from the people you cook for points you at the next thing to practise and keeps {subject} enjoyable rather than a chore.",
			],
			tips: [
				"Repeat a dish three times before judging whether it works for you.",
				"Ask tasters one precise question instead of whether they liked it.",
				"Add one new technique a month, not one new recipe a night.",
			],
		},
	],
	checklist: [
		{
			title: "Kitchen setup",
			items: [
				"Clear and wipe a dedicated work surface",
				"Check your oven temperature with a thermometer",
				"Sharpen or hone your main knife",
				"Place a digital scale within easy reach",
				"Lay out bowls for prep and for scraps",
				"Read the whole recipe once before you start",
			],
		},
		{
			title: "Ingredients",
			items: [
				"Weigh every ingredient before cooking begins",
				"Check dates and freshness of anything perishable",
				"Bring butter, eggs or dough to the temperature the recipe expects",
				"Prepare substitutions in advance and note them",
				"Store opened staples airtight and labelled",
				"Write down the brands you want to stick with",
			],
		},
		{
			title: "While you cook",
			items: [
				"Preheat pans and oven fully before food goes in",
				"Set a timer for the earliest possible doneness check",
				"Taste and adjust seasoning at each stage",
				"Judge colour and texture, not only the clock",
				"Clean as you go while things simmer or bake",
				"Rest the finished food before cutting or serving",
			],
		},
		{
			title: "After each session",
			items: [
				"Log what you made, what you changed and the result",
				"Rate the outcome from 1 to 5 with one reason",
				"Note the single thing to change next time",
				"Cool, portion and label leftovers within two hours",
				"Restock anything that ran low",
				"Book the next {subject} session in your calendar",
			],
		},
	],
};
