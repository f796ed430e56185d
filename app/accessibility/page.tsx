import type { Metadata } from "next";
import { PartnershipContactList } from "@/components/partnership-contacts";
import { getSession, membershipsOf } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { config } from "@/lib/config";
import { policyRegistry } from "@/lib/server/policies";
import { contactsFor, STATEMENT_PREPARED } from "@/lib/views/statements";

export const metadata: Metadata = { title: "Accessibility statement" };

/** The accessibility statement, after the GOV.UK model statement for public sector websites. */
export default async function AccessibilityPage() {
  const session = await getSession();
  const partnerships = session
    ? contactsFor(
        (await membershipsOf(session.userId)).map((m) => m.partnershipId),
        policyRegistry(),
        appNow(),
      )
    : [];
  const { idleMinutes, maxHours } = config().session;
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">Accessibility statement for Parley</h1>
      <p>
        This accessibility statement applies to Parley, the service safeguarding partnerships use to resolve professional disagreements about a child&apos;s or
        an adult&apos;s safety. Each partnership runs Parley for the practitioners, managers and board members of its agencies.
      </p>
      <p>We want as many people as possible to be able to use Parley. For example, that means you should be able to:</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>use every page on a phone, without scrolling sideways</li>
        <li>get from the start of any task to the end using just a keyboard</li>
        <li>fill in and send every form with JavaScript turned off</li>
        <li>use most of the service with a screen reader or speech recognition software</li>
      </ul>
      <p>We have also made the text as simple as we can. The wording of each partnership&apos;s escalation policy is the partnership&apos;s own.</p>
      <p>
        <a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device easier to use if you have a disability.
      </p>

      <h2 className="pt-4 text-2xl font-bold">How accessible Parley is</h2>
      <p>We know some parts of Parley are not fully accessible:</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          you are signed out after {idleMinutes} minutes without using Parley, and {maxHours} hours after you signed in, without a warning and without a way to
          ask for more time; anything you typed on a page but had not sent is lost (a disagreement you are raising is saved at each step)
        </li>
        <li>
          the audit trail an administrator downloads, and the board register&apos;s download, are spreadsheet (CSV) files, which are only as accessible as the
          program you open them in
        </li>
        <li>the titles and wording of each partnership&apos;s stages and deadlines come from its own policy document and may not be plain English</li>
      </ul>

      <h2 className="pt-4 text-2xl font-bold">Feedback and contact information</h2>
      <p>
        If you need information in Parley in a different format, such as accessible PDF, large print, easy read, audio recording or braille, or you find a
        problem, contact your safeguarding partnership. It will pass on anything it cannot deal with itself to the team that develops Parley.
      </p>
      <PartnershipContactList partnerships={partnerships} signedIn={session !== null} />
      <p>We&apos;ll consider your request and get back to you within 10 working days.</p>

      <h2 className="pt-4 text-2xl font-bold">Reporting accessibility problems with Parley</h2>
      <p>
        We&apos;re always looking to improve the accessibility of Parley. If you find any problems not listed on this page, or think we&apos;re not meeting
        accessibility requirements, contact your partnership as above and say which page and what you were trying to do.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Enforcement procedure</h2>
      <p>
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
        Accessibility Regulations 2018 (the &lsquo;accessibility regulations&rsquo;). If you&apos;re not happy with how we respond to your complaint, contact
        the <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.
      </p>
      <p>
        If you are in Northern Ireland and are not happy with how we respond to your complaint, you can contact the{" "}
        <a href="https://www.equalityni.org/Home">Equality Commission for Northern Ireland</a>.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Technical information about Parley&apos;s accessibility</h2>
      <p>
        The partnerships that use Parley are committed to making it accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications)
        (No. 2) Accessibility Regulations 2018.
      </p>
      <h3 className="text-xl font-bold">Compliance status</h3>
      <p>
        Parley is partially compliant with the <a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard, due to
        the non-compliance listed below.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Non-accessible content</h2>
      <h3 className="text-xl font-bold">Non-compliance with the accessibility regulations</h3>
      <p>
        Sessions end after {idleMinutes} minutes without activity, and {maxHours} hours after signing in, with no warning and no way to extend them. This fails
        WCAG 2.2 success criterion 2.2.1 (Timing Adjustable). The limits protect the records of children and adults at risk on shared computers. Until Parley
        warns before a session ends and lets you extend it, a disagreement being raised is saved at each step so that little is lost.
      </p>

      <h2 className="pt-4 text-2xl font-bold">How we tested Parley</h2>
      <p>We test Parley against WCAG 2.2 level AA every time it changes, in its automated end-to-end tests:</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          every page the end-to-end tests visit, including pages showing errors, is checked with the axe accessibility engine against the WCAG 2.0, 2.1 and 2.2
          A and AA rules, and any failure stops the change
        </li>
        <li>
          journeys are tested with a keyboard (for example, the &lsquo;Skip to main content&rsquo; link) and with JavaScript turned off (the dashboard, a
          dispute&apos;s forms, and the audit trail download)
        </li>
        <li>pages are checked on small screens, 360 and 375 pixels wide, for content that would make you scroll sideways</li>
      </ul>
      <p>
        These checks find many problems but not all. Parley has not yet been audited by an independent accessibility specialist or tested with disabled people;
        we will update this statement when it has been.
      </p>

      <h2 className="pt-4 text-2xl font-bold">What we&apos;re doing to improve accessibility</h2>
      <p>We intend to warn before a session ends and let you extend it, and to have Parley audited independently.</p>

      <h2 className="pt-4 text-2xl font-bold">Preparation of this accessibility statement</h2>
      <p>This statement was prepared on {STATEMENT_PREPARED}.</p>
    </div>
  );
}
