import type { DomainPack } from "./types";

/** Painting, drawing, watercolour, sketching and crafts made by hand, for adults and children. */
export const art: DomainPack = {
	id: "art",
	label: "Art & crafts",
	keywords: {
		art: 4,
		arts: 4,
		artist: 5,
		artwork: 5,
		painting: 5,
		paint: 4,
		watercolor: 5,
		watercolour: 5,
		acrylic: 5,
		gouache: 5,
		"oil painting": 5,
		drawing: 5,
		draw: 4,
		sketch: 5,
		sketching: 5,
		doodle: 4,
		charcoal: 5,
		pastel: 4,
		pencil: 3,
		illustration: 4,
		calligraphy: 4,
		lettering: 3,
		crafts: 4,
		crafting: 4,
		knitting: 5,
		crochet: 5,
		embroidery: 5,
		sewing: 4,
		quilting: 5,
		pottery: 5,
		ceramics: 5,
		clay: 4,
		origami: 5,
		collage: 5,
		printmaking: 5,
		mural: 4,
		canvas: 4,
		brush: 3,
		easel: 5,
		"urban sketching": 5,
		"plein air": 5,
		manga: 4,
		cartoon: 4,
		comic: 3,
	},
	audience: "hobby artists",
	hues: [12, 280, 196, 38, 330],
	prefersDark: false,
	fonts: ["rounded", "serif", "sans"],
	terms: ["value", "colour mixing", "wet-on-wet", "layering", "composition", "brush control", "sketchbook", "negative space"],
	outcomes: [
		"finish pieces you are happy to hang on the wall",
		"mix the colours you see instead of the ones in the tube",
		"turn a blank page into a relaxed, regular habit",
		"see shapes, light and shadow the way artists do",
	],
	features: [
		{
			title: "Materials without the overwhelm",
			body: "A short, honest materials list for {subject}: which paper, brushes and paints matter, and which extras can wait until you know you love it.",
		},
		{
			title: "Warm-ups that loosen the hand",
			body: "Five-minute exercises of lines, washes and shapes that build control before every session, so the first marks of a piece are never the stiff ones.",
		},
		{
			title: "Colour mixing made visible",
			body: "Build a small mixing chart from three primaries and white, and learn to read it when you match a colour from life or a photo.",
		},
		{
			title: "Projects in small steps",
			body: "Each project is broken into stages with a clear stopping point, so a session of twenty minutes still ends with something finished.",
		},
		{
			title: "Seeing light and value",
			body: "Squint tests, value thumbnails and three-tone studies that make pictures read clearly from across the room.",
		},
		{
			title: "A sketchbook habit",
			body: "Prompts and a simple weekly rhythm that keep {audience} drawing and painting without waiting for inspiration.",
		},
		{
			title: "Fixing, not restarting",
			body: "What to do when a wash blooms, a colour turns muddy or a proportion is off: practical rescues instead of a fresh sheet.",
		},
		{
			title: "Sharing and displaying work",
			body: "Simple ways to photograph, mount and display finished pieces, and to give and receive kind, useful feedback.",
		},
	],
	faqs: [
		{
			question: "I cannot draw at all. Can I still learn {subject}?",
			answer:
				"Yes. Drawing and painting are skills of looking and of hand control, and both improve with short, regular practice. The early projects use simple shapes and loose washes, so you get pleasing results before your drawing is confident.",
		},
		{
			question: "What materials do I need to begin?",
			answer:
				"Very little: a pad of suitable paper, two or three brushes or pencils, a small set of paints or a few drawing tools, a water jar and a rag. The materials chapter explains what to buy first and why cheap paper causes more frustration than cheap paint.",
		},
		{
			question: "Is it suitable for children?",
			answer:
				"The projects work for children with an adult nearby. Choose washable, non-toxic materials, cover the table, keep sessions short and praise effort and experiments rather than neat results. The lesson ideas in the guide note where younger artists need help.",
		},
		{
			question: "How much time should I practise?",
			answer:
				"Twenty to thirty minutes three times a week is enough to see clear progress in a month. Regular short sessions teach the hand more than an occasional long afternoon.",
		},
		{
			question: "My colours always turn muddy. Why?",
			answer:
				"Usually from mixing too many pigments, or from working into a layer that is still half wet. Mix with at most two or three colours, keep one jar of clean water for rinsing, and let layers dry fully before you add the next one.",
		},
		{
			question: "Should I copy other artists or photos?",
			answer:
				"Copying is a time-honoured way to learn, as long as you say so when you share and do not sell the copies. Studies from life teach even more, so the guide alternates between both.",
		},
	],
	chapters: [
		{
			title: "Gather simple materials",
			paragraphs: [
				"Good {subject} starts with a few reliable materials rather than a big set. Paper matters most: a heavier sheet that does not buckle makes every technique easier. Add a couple of brushes or pencils you like holding, a limited palette and a place where you can leave things out.",
				"Set up a small, calm corner: good light from one side, a water jar, a rag and a board to tape your paper to. When materials are ready in thirty seconds, you will practise far more often.",
			],
			tips: [
				"Buy better paper before you buy more colours.",
				"Tape the edges of the sheet to a board so it stays flat.",
				"Keep one jar for rinsing and one for clean water.",
			],
		},
		{
			title: "Warm up the hand and the eye",
			paragraphs: [
				"Every session begins with five minutes of warm-ups: straight and curved lines, even washes, gradients from dark to light and simple shapes. They loosen the wrist and remind the hand how much pressure and water to use.",
				"Look before you mark. Spend a minute studying the subject, naming its big shapes and the lightest and darkest areas. Most problems in a finished piece come from the first minute of looking, not from the brush.",
			],
			tips: ["Fill half a page with lines before every session.", "Practise one gradient a day.", "Name the three biggest shapes before you start."],
		},
		{
			title: "Understand value and light",
			paragraphs: [
				"Value, how light or dark something is, carries a picture more than colour does. A quick thumbnail in three tones, light, middle and dark, shows whether the composition will read before you spend an hour on details.",
				"Squint at your subject to see the values simplified. Keep the lightest lights for the focal point and let the rest of the picture stay quieter. When a piece feels flat, it usually needs a darker dark, not more colour.",
			],
			tips: ["Make a three-value thumbnail before each piece.", "Squint to compare two areas.", "Save your lightest light for the focal point."],
		},
		{
			title: "Mix colour with confidence",
			paragraphs: [
				"Start with a limited palette: a warm and a cool version of each primary is enough to mix almost everything. Paint a mixing chart once and keep it next to you; it becomes your personal colour dictionary.",
				"Mix with two colours where you can and three at most, and test every mix on scrap paper first. Greys and browns made from complementary colours look livelier than the ones from a tube.",
			],
			tips: ["Paint a chart of every pair in your palette.", "Test each mix on a scrap strip.", "Mix neutrals from complementary colours."],
		},
		{
			title: "Build a piece in stages",
			paragraphs: [
				"Work from large to small and from light to dark. Block in the big shapes loosely, let them settle, then add the middle values, and only at the end the details and darkest accents. Each stage has a clear finish line, so you can stop and return.",
				"Step back often, literally. Looking from two metres away shows what the picture needs far better than peering at it from close up. Stop one step earlier than you think: overworking is the most common way to lose a fresh piece.",
			],
			tips: ["Plan the stages before the first mark.", "Step back after every stage.", "Stop while the piece still looks fresh."],
		},
		{
			title: "Keep a sketchbook and share your work",
			paragraphs: [
				"A sketchbook is a practice log, not a gallery. Date every page, try small studies and let many of them fail. Looking back after a month shows progress you cannot see day to day.",
				"Share finished pieces with a friend, a class or an online group and ask one specific question, such as whether the focal point is clear. Specific questions get useful answers and keep {subject} enjoyable.",
			],
			tips: ["Date every sketchbook page.", "Pick one favourite piece each month to display.", "Ask one specific question when you share."],
		},
	],
	checklist: [
		{
			title: "Set up your space",
			items: [
				"Choose a spot with good light from one side",
				"Buy a pad of heavier paper suited to {subject}",
				"Pick two or three brushes or pencils you like holding",
				"Set out a limited palette of warm and cool primaries",
				"Prepare two water jars, a rag and a board with tape",
				"Start a dated sketchbook for practice",
			],
		},
		{
			title: "Build core skills",
			items: [
				"Fill a page with straight and curved lines",
				"Paint or shade a smooth gradient from dark to light",
				"Make a colour mixing chart of your palette",
				"Draw three value thumbnails of one subject",
				"Practise one simple shape ten times in a row",
				"Copy a small study and note what you learned",
			],
		},
		{
			title: "Make finished pieces",
			items: [
				"Plan a piece in stages from light to dark",
				"Block in the big shapes before any detail",
				"Step back after every stage",
				"Add the darkest accents last",
				"Sign and date the finished piece",
				"Photograph the piece in daylight",
			],
		},
		{
			title: "Keep the habit",
			items: [
				"Book three short sessions in your week",
				"Warm up for five minutes before each session",
				"Try one new prompt from the sketchbook list",
				"Share one piece and ask a specific question",
				"Compare this month's pages with last month's",
				"Choose a favourite piece to display",
			],
		},
	],
};
