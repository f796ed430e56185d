import type { Metadata } from "next";
import { PartnershipContactList } from "@/components/partnership-contacts";
import { getSession, membershipsOf } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { config } from "@/lib/config";
import { policyRegistry } from "@/lib/server/policies";
import { contactsFor, retentionRows, STATEMENT_PREPARED, subjectFacts } from "@/lib/views/statements";

export const metadata: Metadata = { title: "Privacy notice" };

/** What Parley holds about the children and adults a disagreement concerns and about the staff who use it, why, for how long, and whom to ask. */
export default async function PrivacyPage() {
  const session = await getSession();
  const partnerships = session
    ? contactsFor(
        (await membershipsOf(session.userId)).map((m) => m.partnershipId),
        policyRegistry(),
        appNow(),
      )
    : [];
  const { idleMinutes } = config().session;
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">Privacy notice</h1>
      <p>
        Parley is the service safeguarding partnerships use to resolve professional disagreements between agencies about a child&apos;s or an adult&apos;s
        safety. This notice says what personal data Parley holds, why, for how long, who can see it and what your rights are.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Who is responsible for your data</h2>
      <p>
        Each safeguarding partnership that uses Parley is the controller of the data about its disagreements and the people who use Parley for it. The
        organisation that runs Parley for the partnership processes the data on the partnership&apos;s instructions. Partnerships cannot see each other&apos;s
        data.
      </p>

      <h2 className="pt-4 text-2xl font-bold">What we hold about the children and adults a disagreement is about</h2>
      <p>Parley asks for as little as it can. For each child or adult a disagreement concerns, it holds:</p>
      <ul className="list-disc space-y-1 pl-6">
        {subjectFacts().map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p>
        It does not ask for their name, address or date of birth. The practitioners involved also write about the disagreement: the decision they disagree with,
        why they believe it leaves the child or adult unsafe, the evidence, the outcome they want, their discussions, the actions they agree and their comments.
        This can include sensitive information about the child or adult and their family, such as their health or social care, or an offence.
      </p>
      <p>The e-mails Parley sends never include a child&apos;s or adult&apos;s initials or anything the practitioners wrote about them.</p>

      <h2 className="pt-4 text-2xl font-bold">What we hold about the people who use Parley</h2>
      <ul className="list-disc space-y-1 pl-6">
        <li>your name, work e-mail address, the agency you act for and your roles in each partnership</li>
        <li>
          your password, only in a scrambled form (an Argon2id hash) that cannot be turned back into it, or, if you sign in with your organisation&apos;s
          account, the identifier that account gives Parley
        </li>
        <li>what you do on each disagreement, with your name and the time, as part of its record</li>
        <li>each time you open a disagreement, and each time you sign in or try to, with the time, your internet (IP) address and your browser</li>
        <li>the e-mails Parley sends you, and your choices about them</li>
        <li>the names of the people at other agencies you name when you raise a disagreement</li>
      </ul>
      <h3 className="text-xl font-bold">Cookies</h3>
      <p>
        Parley sets two cookies, both essential: one keeps you signed in (it ends when you sign out or after {idleMinutes} minutes without using Parley) and one
        protects forms from being sent by other websites. Your browser also remembers whether you stopped the lists on your dashboard updating themselves.
        Parley uses no analytics or advertising cookies.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Why we hold it, and our lawful basis</h2>
      <p>
        Parley keeps a record of each disagreement so that it is resolved within the partnership&apos;s escalation policy, so that the people involved, their
        managers and the partnership board can act on it, and so that a later review (such as a child safeguarding practice review or a safeguarding adults
        review) can see what happened and when. It records who did what, and from where, to keep the record secure and trustworthy.
      </p>
      <p>Under the UK General Data Protection Regulation (UK GDPR) and the Data Protection Act 2018, the lawful bases are:</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          public task (Article 6(1)(e)): the partnership&apos;s statutory duties to safeguard and promote the welfare of children (the Children Act 2004) and to
          protect adults at risk (the Care Act 2014)
        </li>
        <li>
          for information about health, or other special category data (Article 9(2)(g)), and for information about offences (Article 10): substantial public
          interest, under the Data Protection Act 2018, Schedule 1, paragraph 18 (safeguarding of children and of individuals at risk) and paragraph 6
          (statutory purposes)
        </li>
        <li>for the records about staff who use Parley: public task, as running the service securely is part of the partnership&apos;s duties</li>
      </ul>
      <p>
        Partnerships in the Isle of Man, Jersey or Guernsey rely on their own data protection law, to the same effect. Your partnership&apos;s data protection
        officer can tell you more.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Who can see it</h2>
      <p>
        Only people in the same partnership, and only what their part needs: the people involved in a disagreement, their agencies&apos; managers and the
        agencies&apos; escalation contacts see it; the partnership board&apos;s business manager and chair see disagreements that reach the board; partnership
        administrators see who did what and when, but not what a disagreement says.
      </p>

      <h2 className="pt-4 text-2xl font-bold">How long we keep it</h2>
      <p>Parley deletes short-lived records by itself:</p>
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">Records Parley deletes by itself</caption>
        <thead>
          <tr className="border-b-2 border-[var(--color-ink)]">
            <th scope="col" className="py-2 pr-4">
              Record
            </th>
            <th scope="col" className="py-2">
              How long it is kept
            </th>
          </tr>
        </thead>
        <tbody>
          {retentionRows().map((r) => (
            <tr key={r.what} className="border-b border-[var(--color-border)]">
              <td className="py-2 pr-4 align-top">{r.what}</td>
              <td className="py-2 align-top">{r.kept}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        The record of each disagreement, its history and agreed actions, the audit trail of who opened it, and the e-mails sent about it are never deleted by
        Parley itself: the partnership keeps them for as long as its records retention schedule says, because a review may need them years later.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Your rights</h2>
      <p>You have the right to:</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>ask for a copy of the personal data Parley holds about you</li>
        <li>ask for anything wrong to be corrected (the record of a disagreement is corrected by adding to it, so that it shows what changed)</li>
        <li>object to how your data is used, or ask for its use to be restricted</li>
        <li>ask for your data to be deleted, although a safeguarding record usually has to be kept</li>
      </ul>
      <p>To ask, contact your partnership:</p>
      <PartnershipContactList partnerships={partnerships} signedIn={session !== null} />

      <h2 className="pt-4 text-2xl font-bold">How to complain</h2>
      <p>
        If you are unhappy with how your data has been handled, contact your partnership first. You can also complain to the{" "}
        <a href="https://ico.org.uk/make-a-complaint/">Information Commissioner&apos;s Office</a> (telephone 0303 123 1113), or in the Isle of Man to the{" "}
        <a href="https://www.inforights.im/">Information Commissioner</a>, in Jersey to the{" "}
        <a href="https://jerseyoic.org/">Jersey Office of the Information Commissioner</a>, and in Guernsey to the{" "}
        <a href="https://www.odpa.gg/">Office of the Data Protection Authority</a>.
      </p>

      <h2 className="pt-4 text-2xl font-bold">Changes to this notice</h2>
      <p>This notice was last updated on {STATEMENT_PREPARED}.</p>
    </div>
  );
}
