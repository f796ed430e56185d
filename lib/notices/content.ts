/**
 * What a notice says, and the e-mail it becomes. A notice carries the minimum:
 * the partnership, the dispute's reference and stage, what is due and when in
 * words, and a link. Never a child's initials or free text from the dispute:
 * e-mail leaves the secure system and may be forwarded.
 */
import { z } from "zod";

export const NoticeContent = z.strictObject({
  partnership: z.string(),
  /** The first line: what happened or what is needed. */
  headline: z.string(),
  /** Further plain lines (stage, due date, what the policy asks). */
  lines: z.array(z.string()),
  /** Where to act, as a path on Parley ("/p/torbay/disputes/<id>"). */
  link: z.string().startsWith("/").optional(),
  linkText: z.string().optional(),
});
export type NoticeContent = z.output<typeof NoticeContent>;

export type RenderedMail = { subject: string; text: string; html: string };

const FOOTER = "This message was sent by Parley, your safeguarding partnership's escalation service. Do not reply to it: open Parley to act.";

/** The absolute address of a path, from the address people use to reach Parley. */
export function absoluteLink(path: string, baseUrl: string): string {
  return new URL(path, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
}

export function renderMail(subject: string, content: NoticeContent, baseUrl: string): RenderedMail {
  const link = content.link ? absoluteLink(content.link, baseUrl) : null;
  const linkText = content.linkText ?? "Open the dispute in Parley";
  const text = [
    content.partnership,
    "",
    content.headline,
    ...(content.lines.length > 0 ? ["", ...content.lines] : []),
    ...(link ? ["", `${linkText}: ${link}`] : []),
    "",
    "--",
    FOOTER,
    "",
  ].join("\n");
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.4; color: #0b0c0c; background: #ffffff; margin: 0; padding: 16px;">
<p style="margin: 0 0 16px; color: #505a5f; font-size: 16px;">${escapeHtml(content.partnership)}</p>
<h1 style="font-size: 24px; margin: 0 0 16px;">${escapeHtml(content.headline)}</h1>
${content.lines.map((l) => `<p style="margin: 0 0 16px;">${escapeHtml(l)}</p>`).join("\n")}
${link ? `<p style="margin: 0 0 24px;"><a href="${escapeHtml(link)}" style="color: #1d70b8;">${escapeHtml(linkText)}</a></p>` : ""}
<hr style="border: 0; border-top: 1px solid #b1b4b6;">
<p style="font-size: 16px; color: #505a5f;">${escapeHtml(FOOTER)}</p>
</body>
</html>
`;
  return { subject, text, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}
