import type { DomainPack } from "./types";

/** Vegetable gardens, houseplants, balconies and lawns. */
export const gardening: DomainPack = {
	id: "gardening",
	label: "Gardening & growing",
	keywords: {
		garden: 5,
		gardening: 5,
		plant: 4,
		plants: 4,
		houseplant: 5,
		vegetable: 4,
		veggie: 4,
		compost: 5,
		soil: 4,
		seed: 3,
		seedling: 4,
		herb: 3,
		balcony: 3,
		lawn: 4,
		permaculture: 5,
		tomato: 4,
		flower: 4,
		succulent: 4,
		orchid: 4,
		bonsai: 5,
		"raised bed": 5,
		allotment: 5,
		grow: 3,
		growing: 3,
		harvest: 4,
		organic: 2,
		hydroponic: 5,
		greenhouse: 5,
		pruning: 4,
		mulch: 4,
		bee: 2,
		orchard: 4,
	},
	audience: "home gardeners",
	hues: [118, 134, 92, 150],
	prefersDark: false,
	fonts: ["serif", "rounded"],
	terms: ["soil health", "sunlight", "watering", "succession sowing", "composting", "mulching", "pest control", "harvest timing"],
	outcomes: [
		"grow healthy plants in the space you have",
		"know what to do in the garden each month",
		"fix yellow leaves and pests early",
		"harvest more with less effort",
	],
	features: [
		{
			title: "A month-by-month calendar",
			body: "What to sow, plant, feed and harvest each month, so {subject} follows the seasons instead of guesswork.",
		},
		{
			title: "Read your space",
			body: "A simple way to map sun, shade, wind and drainage and match each spot with plants that will thrive there.",
		},
		{
			title: "Soil first",
			body: "Improve soil with compost and mulch, the single change that makes every plant in your garden healthier.",
		},
		{
			title: "Watering without waste",
			body: "When and how much to water, how to check soil moisture and how to set up simple systems that save time.",
		},
		{
			title: "Plant problem finder",
			body: "Yellow leaves, wilting, spots or holes: match the symptom to the likely cause and the gentle fix to try first.",
		},
		{
			title: "Natural pest control",
			body: "Encourage helpful insects, use barriers and companion planting, and only reach for treatments when really needed.",
		},
		{
			title: "More harvest per square metre",
			body: "Succession sowing, vertical growing and smart spacing help {audience} get more from beds, pots or a small balcony.",
		},
		{
			title: "A garden journal",
			body: "Record varieties, dates and results, so each season of {subject} builds on the last one.",
		},
	],
	faqs: [
		{
			question: "Can I do {subject} in a small space?",
			answer:
				"Yes. The kit includes advice for balconies, patios and windowsills as well as beds. Containers, vertical supports and compact varieties make a surprising amount possible in a few square metres.",
		},
		{
			question: "How much time does it take?",
			answer:
				"Plan on about twenty minutes a few times a week, with a longer session at the start of each season. Mulching and good soil reduce watering and weeding, which are the biggest time sinks.",
		},
		{
			question: "Does it work for my climate?",
			answer:
				"The calendar is organised by season rather than fixed dates, and it explains how to adjust for your local frost dates and rainfall. Your nearest garden centre or local growers' group can confirm timings.",
		},
		{
			question: "Do I need to use chemicals?",
			answer:
				"No. The kit favours healthy soil, good spacing, barriers and beneficial insects. Most common problems can be prevented or solved without synthetic sprays.",
		},
		{
			question: "Why are my plants turning yellow?",
			answer:
				"The most common causes are overwatering, poor drainage, lack of nitrogen or not enough light. The problem finder in the guide walks you through the checks in order, starting with the easiest to fix.",
		},
		{
			question: "What should a beginner grow first?",
			answer:
				"Start with forgiving, fast plants such as herbs, salad leaves, radishes or hardy houseplants. Early success builds confidence and teaches the basics of watering, light and soil.",
		},
	],
	chapters: [
		{
			title: "Get to know your space",
			paragraphs: [
				"Successful {subject} starts with observation. Spend a day noting where sun falls in the morning, at midday and in the afternoon. Most fruiting plants need six or more hours of direct sun, while leafy greens and many houseplants cope with less.",
				"Check drainage by digging a small hole and filling it with water; if it is still full after a few hours, choose raised beds or containers. Note windy corners, frost pockets and where the hose reaches.",
			],
			tips: [
				"Sketch a simple map of sun and shade.",
				"Test drainage before planting anything permanent.",
				"Start small and expand once the first area thrives.",
			],
		},
		{
			title: "Build healthy soil",
			paragraphs: [
				"Soil is alive, and feeding it is the most effective thing you can do. Add a layer of compost each year and cover bare soil with mulch to keep moisture in, suppress weeds and feed soil life.",
				"Avoid digging more than necessary; it breaks down soil structure. For containers, use a good-quality potting mix rather than garden soil, and refresh it every year or two.",
			],
			tips: ["Spread compost on beds every spring or autumn.", "Keep soil covered with mulch or plants.", "Start a compost heap or bin for kitchen scraps."],
		},
		{
			title: "Choose the right plants",
			paragraphs: [
				"Match plants to your conditions rather than forcing conditions to match plants. Read labels for sun, spacing and hardiness, and choose varieties known to do well in your region.",
				"For {subject}, mix quick crops or plants that give early rewards with slower, longer-term ones. Buying a few healthy young plants alongside seeds gives you a head start while you learn.",
			],
			tips: [
				"Check the sun and spacing requirements on every label.",
				"Pick varieties recommended for your region.",
				"Combine fast and slow plants for early wins.",
			],
		},
		{
			title: "Water and feed wisely",
			paragraphs: [
				"Water deeply and less often to encourage deep roots. Check moisture by pushing a finger into the soil; water when the top few centimetres are dry. Early morning watering reduces evaporation and disease.",
				"Containers dry out faster and need feeding more often, as nutrients wash out. Use a balanced feed during the growing season and a higher-potassium feed for flowering and fruiting plants.",
			],
			tips: [
				"Water at the base of plants, not over the leaves.",
				"Group pots together to reduce evaporation.",
				"Feed containers every one to two weeks in the growing season.",
			],
		},
		{
			title: "Prevent and solve problems",
			paragraphs: [
				"Healthy plants resist pests and disease better, so prevention starts with soil, spacing and watering. Walk through the garden a few times a week and look under leaves; problems caught early are easy to handle.",
				"Encourage beneficial insects with flowers, use nets or collars as barriers and remove affected leaves quickly. Change one thing at a time when something goes wrong, and note what worked in your journal.",
			],
			tips: [
				"Inspect plants twice a week, including under leaves.",
				"Plant flowers that attract pollinators and predators.",
				"Remove diseased material instead of composting it.",
			],
		},
		{
			title: "Harvest, record and plan ahead",
			paragraphs: [
				"Harvest regularly and at the right stage; picking often encourages many plants to produce more. Learn the signs of ripeness for each crop or the best time to divide and prune ornamentals.",
				"At the end of each season, record what thrived, what struggled and what you would change. Those notes make next year's {subject} better than any generic advice could.",
			],
			tips: ["Harvest in the cool of the morning.", "Record varieties, sowing dates and results.", "Plan next season's layout before winter."],
		},
	],
	checklist: [
		{
			title: "Plan the space",
			items: [
				"Map sun and shade across the day",
				"Test drainage in each planting area",
				"Find your local last and first frost dates",
				"Choose a small first area for {subject}",
				"List plants suited to your light and climate",
				"Check the hose or watering can reaches every spot",
			],
		},
		{
			title: "Prepare and plant",
			items: [
				"Add compost to beds or fresh mix to containers",
				"Mulch bare soil",
				"Follow the spacing on plant labels",
				"Harden off seedlings before planting outside",
				"Label every row or pot with name and date",
				"Install supports for climbing plants at planting time",
			],
		},
		{
			title: "Weekly care",
			items: [
				"Check soil moisture before watering",
				"Water deeply in the morning",
				"Feed containers during the growing season",
				"Inspect leaves, including the undersides",
				"Pull small weeds before they set seed",
				"Harvest anything ready",
			],
		},
		{
			title: "Season review",
			items: [
				"Record what thrived and what struggled",
				"Note sowing and harvest dates",
				"Add kitchen and garden waste to compost",
				"Clean and store tools and pots",
				"Order seeds for next season",
				"Sketch next season's layout",
			],
		},
	],
};
