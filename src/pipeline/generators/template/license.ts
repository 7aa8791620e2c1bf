import { escapeMarkdown as md } from "./escape";

/** Renders `LICENSE.md`: personal and commercial use of the content, no redistribution of the kit. */
export function renderLicense(title: string): string {
	const name = md(title);
	return `# License for "${name}"

This license applies to the digital kit "${name}" (the "Kit"): its guide, checklist, landing page, stylesheet and illustration. By downloading or using the Kit you agree to these terms.

## What you may do

- Use the Kit and everything in it for your own personal purposes.
- Use the content in your own commercial work, such as your business, your client projects, your courses or your products, including quoting, adapting and building on it.
- Edit, print and copy the files for your own use and for use inside your organisation.
- Keep backups of the Kit on your own devices and storage.

## What you may not do

- Resell, sublicense, give away or otherwise redistribute the Kit, or any of its files, as they are or with only minor changes.
- Publish the Kit's files where others can download them, including shared drives, marketplaces, file-sharing sites and public repositories.
- Present the Kit, as a whole, as your own work.

## Ownership

All rights not expressly granted here are reserved by the publisher of "${name}". Buying the Kit grants a license to use it; it does not transfer ownership.

## No warranty

The Kit is provided "as is", for general educational purposes. It is not professional, financial, medical or legal advice. The publisher is not liable for any loss arising from its use. Check important decisions with a qualified professional.
`;
}
