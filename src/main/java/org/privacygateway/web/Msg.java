package org.privacygateway.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/**
 * Every text of the consent center, in English here and in Simplified Chinese in {@code messages/msg_zh.properties}.
 * Templates use {@code {msg:name(...)}}; Java code gets the bundle of the request's language from {@link Language}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    // ---- layout

    @Message("Marketplace · Consent center")
    String siteName();

    @Message("Skip to main content")
    String skipToContent();

    @Message("Consent center")
    String navLabel();

    @Message("Partners")
    String navPartners();

    @Message("Who saw your data")
    String navHistory();

    @Message("Your profile")
    String navProfile();

    @Message("Export or erase")
    String navData();

    @Message("Sign out")
    String signOut();

    @Message("Language")
    String languageLabel();

    // ---- words for the domain

    @Message("{#when c}{#is NAME}your name{#is EMAIL}your email address{#is PHONE}your phone number"
            + "{#is ADDRESS}your postal address{#is COMPANY}your company{#is PAYMENT_CARD}your payment card{/when}")
    String categoryWords(DataCategory c);

    @Message("{#when c}{#is NAME}Name{#is EMAIL}Email address{#is PHONE}Phone number{#is ADDRESS}Postal address"
            + "{#is COMPANY}Company{#is PAYMENT_CARD}Payment card{/when}")
    String categoryTitle(DataCategory c);

    @Message("{#when c}{#is NAME}your first name and the initial of your family name"
            + "{#is EMAIL}the first letter and the domain of your email address"
            + "{#is PHONE}the last four digits of your phone number"
            + "{#is ADDRESS}your city, region and country, not your street"
            + "{#is COMPANY}your company's name, not its address"
            + "{#is PAYMENT_CARD}your card's brand, last four digits and expiry, never the card itself{/when}")
    String partialExample(DataCategory c);

    @Message("{#when p}{#is ORDER_FULFILLMENT}to deliver what you order{#is CUSTOMER_SUPPORT}to help you when you contact support"
            + "{#is ACCOUNT_LINKING}to link your account on their site{#is MARKETING}to send you offers"
            + "{#is PAYMENT_PROCESSING}to process your payments{#is ANALYTICS}for statistics{/when}")
    String purposeWords(Purpose p);

    @Message("{#when l}{#is FULL}in full{#is PARTIAL}in part{#is NONE}nothing{/when}")
    String levelWords(DisclosureLevel l);

    @Message("{#when r}{#is MINOR}you are under 13, so nothing is shared{#is NOT_REQUESTED}they do not ask for this"
            + "{#is OPTED_OUT}you opted out of marketing"
            + "{#is POLICY_VERSION}the privacy policy does not allow it for data you gave under an earlier policy; confirm your data to update it"
            + "{#is PUBLIC}you made this public{#is CONSENT_REQUIRED}you have not allowed it"
            + "{#is CONSENT_EXPIRED}your permission expired{#is CONSENTED}you allowed it{/when}")
    String reasonWords(AccessReason r);

    @Message("with the processor's token")
    String processorToken();

    @Message(" and ")
    String and();

    @Message(", ")
    String listSeparator();

    // ---- overview

    @Message("Your data and our partners")
    String overviewTitle();

    @Message("Hello {name}.")
    String hello(String name);

    @Message("Hello.")
    String helloNoName();

    @Message("Each partner below runs a co-branded site with its own privacy policy. Nothing is shared unless you "
            + "allow it, one thing at a time, for one reason. You can stop sharing at any moment.")
    String overviewIntro();

    @Message("Our privacy policy changes on {date}.")
    String policyChangeTitle(String date);

    @Message("Read the new policy (version {version})")
    String policyChangeLink(int version);

    @Message("Data you gave before then stays under the rules it was given under until you confirm it.")
    String policyChangeOldData();

    @Message("You are under 13, so the marketplace shares nothing about you with partners, and you cannot allow "
            + "anything here. A parent or guardian can ask us to remove your data.")
    String minorBanner();

    @Message("Offers from partners")
    String marketingTitle();

    @Message("You are opted out of all marketing.")
    String marketingOptedOut();

    @Message("No partner receives anything for offers, whatever you allowed.")
    String marketingOptedOutDetail();

    @Message("Let partners I allow send me offers again")
    String marketingOptIn();

    @Message("Partners you allow may use your data to send you offers. One switch stops all of it.")
    String marketingIntro();

    @Message("Opt out of all marketing")
    String marketingOptOut();

    @Message("Done: no partner receives anything for offers any more.")
    String marketingNowOut();

    @Message("Done: partners you allow may send you offers again.")
    String marketingNowIn();

    @Message("Partners ({count})")
    String partnersTitle(int count);

    @Message("Find a partner by name or site")
    String searchLabel();

    @Message("Show")
    String filterLabel();

    @Message("All partners")
    String filterAll();

    @Message("Partners that can see something")
    String filterSharing();

    @Message("Find")
    String searchButton();

    @Message("Showing {from} to {to} of {total} partners.")
    String showing(int from, int to, int total);

    @Message("No partner matches your search.")
    String noMatch();

    @Message("No partners at the moment.")
    String noPartners();

    @Message("Pages")
    String pagesLabel();

    @Message("Page {n}")
    String pageLabel(int n);

    @Message("Co-branded site:")
    String coBrandSites();

    @Message("Read the privacy policy of {name}")
    String readPolicy(String name);

    @Message("on {host}")
    String policyOnHost(String host);

    @Message("Privacy questions:")
    String privacyQuestions();

    @Message("Sees nothing of yours.")
    String seesNothing();

    @Message("Sees {what} {why}.")
    String sees(String what, String why);

    @Message("Choices and details for {name}")
    String openPartner(String name);

    // ---- partner page

    @Message("All partners")
    String backToPartners();

    @Message("What {name} asks for")
    String asksFor(String name);

    @Message("How much: all of it.")
    String levelFull();

    @Message("How much: only part of it: {example}.")
    String levelPartial(String example);

    @Message("They would receive:")
    String wouldReceive();

    @Message("nothing, as you have not given it")
    String nothingStored();

    @Message("Their reason:")
    String theirReason();

    @Message("Allowed {level} until {date}.")
    String statusAllowed(String level, String date);

    @Message("Your permission expired on {date}.")
    String statusExpired(String date);

    @Message("Not allowed.")
    String statusNotAllowed();

    @Message("Allow")
    String allow();

    @Message("Allow again")
    String allowAgain();

    @Message("Allow {name} to see {what} {why}")
    String allowLabel(String name, String what, String why);

    @Message("Don't allow")
    String dontAllow();

    @Message("Do not let {name} see {what} {why}")
    String dontAllowLabel(String name, String what, String why);

    @Message("Stop sharing")
    String stop();

    @Message("Stop sharing {what} with {name} {why}")
    String stopLabel(String name, String what, String why);

    @Message("Renew for a year")
    String renew();

    @Message("Renew sharing {what} with {name} {why} for another year")
    String renewLabel(String name, String what, String why);

    @Message("Done: {name} can now see {what} {why} ({level}), until {date}.")
    String noticeGranted(String name, String what, String why, String level, String date);

    @Message("Done: {name} can no longer see {what} {why}.")
    String noticeRevoked(String name, String what, String why);

    @Message("Nothing to change: {name} was not allowed to see {what} {why}, and still is not.")
    String noticeNothingToStop(String name, String what, String why);

    @Message("Download the receipt")
    String downloadReceipt();

    @Message("You are under 13, so you cannot allow partners to see your data. A parent or guardian can contact our support.")
    String errorMinor();

    @Message("That choice is not possible now. The page shows what the partner asks for today; please choose again.")
    String errorChoice();

    @Message("Why you cannot allow anything")
    String minorTitle();

    @Message("You are under 13. The marketplace never lets partners see anything about children, so there is "
            + "nothing to allow here.")
    String minorWhy();

    @Message("A parent or guardian can ask our support to remove your data, or to correct your birth date if it is wrong.")
    String minorGuardian();

    @Message("You allowed {what} {why}, but {name} no longer asks for it, so nothing is shared.")
    String notInEffect(String name, String what, String why);

    @Message("What {name} can see now")
    String canSeeNow(String name);

    @Message("When they ask {why}")
    String whenAsking(String why);

    @Message("Nothing")
    String previewNothing();

    @Message("because {reason}")
    String because(String reason);

    @Message("When {name} read your data")
    String partnerHistoryTitle(String name);

    @Message("{name} has not read your data.")
    String partnerHistoryNone(String name);

    @Message("Everyone who read your data")
    String allHistory();

    // ---- history

    @Message("Every time a partner read your data through the marketplace, newest first. Records are kept for {days} days, then deleted.")
    String historyIntro(long days);

    @Message("No partner has read your data yet.")
    String historyNone();

    @Message("When")
    String whenLabel();

    @Message("Who")
    String whoLabel();

    @Message("What they received")
    String receivedLabel();

    @Message("Why")
    String whyLabel();

    @Message("{what} ({level})")
    String servedItem(String what, String level);

    @Message("No personal details: only the id they hold for you")
    String servedOnlyId();

    @Message("Nothing: everything they asked for was withheld")
    String servedNothingWithheld();

    @Message("Legal disclosure")
    String legalDisclosure();

    @Message("Your birth date was changed: {basis}.")
    String birthDateChanged(String basis);

    @Message("Nothing: you are under 13, so nothing is shared.")
    String minorNothing();

    @Message("The marketplace")
    String theMarketplace();

    @Message("reference {reference}")
    String reference(String reference);

    // ---- profile

    @Message("Correct anything that is wrong. What you change counts as given again under today's privacy policy; "
            + "what you leave as it is stays as it was.")
    String profileIntro();

    @Message("Your profile was saved.")
    String profileSaved();

    @Message("Nothing was changed, so nothing was saved.")
    String profileUnchanged();

    @Message("Thank you: your data is confirmed under today's privacy policy.")
    String dataConfirmed();

    @Message("{#if count == 1}There is a problem with 1 field{#else}There are problems with {count} fields{/if}")
    String errorSummary(int count);

    @Message("Name")
    String nameLegend();

    @Message("Contact")
    String contactLegend();

    @Message("Postal address")
    String addressLegend();

    @Message("Company")
    String companyLegend();

    @Message("Company address")
    String companyAddressLegend();

    @Message("Birth date")
    String birthLegend();

    @Message("Given name")
    String givenName();

    @Message("Family name")
    String familyName();

    @Message("Email address")
    String email();

    @Message("Phone number")
    String phone();

    @Message("Street")
    String street();

    @Message("City")
    String city();

    @Message("Region")
    String region();

    @Message("Postal code")
    String postalCode();

    @Message("Country (two-letter code, e.g. SE)")
    String country();

    @Message("Company name")
    String companyName();

    @Message("Birth date (YYYY-MM-DD)")
    String birthDate();

    @Message("You are recorded as under 13. To correct your birth date to an earlier one, a parent or guardian must contact our support.")
    String minorBirthHint();

    @Message("Save my profile")
    String saveProfile();

    @Message("Enter an email address such as name@example.com.")
    String errEmail();

    @Message("Enter a phone number: digits and spaces, with + in front if you like.")
    String errPhone();

    @Message("Enter a two-letter country code such as SE or GB.")
    String errCountry();

    @Message("Enter a date such as 1990-05-31.")
    String errDate();

    @Message("This is too long: at most {max} characters.")
    String errTooLong(int max);

    @Message("This contains characters that cannot be stored; please retype it.")
    String errText();

    @Message("This birth date cannot be saved here. If you are recorded as under 13, a parent or guardian must contact our support.")
    String errBirthDate();

    @Message("Confirm my data")
    String confirmTitle();

    @Message("Data you gave under an earlier privacy policy is shared only as that policy allowed. Confirming it brings it under today's policy.")
    String confirmIntro();

    @Message("What")
    String confirmWhat();

    @Message("Given or confirmed under policy version")
    String confirmVersion();

    @Message("not given")
    String notGiven();

    @Message("Confirm my data is correct")
    String confirmButton();

    // ---- export and erasure

    @Message("Export or erase your data")
    String dataTitle();

    @Message("Export")
    String exportTitle();

    @Message("One JSON file with everything the marketplace's privacy gateway holds about you: your profile, every "
            + "permission you gave with its history, your receipts and every time a partner read your data.")
    String exportIntro();

    @Message("Download my data")
    String downloadData();

    @Message("Your consent receipts ({count})")
    String receiptsSummary(int count);

    @Message("{when}: allowed {name} to see {what} {why}")
    String receiptAllowed(String when, String name, String what, String why);

    @Message("{when}: stopped {name} seeing {what} {why}")
    String receiptStopped(String when, String name, String what, String why);

    @Message("receipt")
    String receiptLink();

    @Message("No such receipt.")
    String noSuchReceipt();

    @Message("Erase")
    String eraseTitle();

    @Message("Erasing deletes your name, contact details, addresses, company and card from the privacy gateway, and "
            + "ends every permission you gave, so partners are told to delete what they copied. The record of who "
            + "read your data is kept without anything that identifies you.")
    String eraseIntro();

    @Message("Because you are recorded as under 13, erasing keeps one thing more: a coded marker of your login, with no "
            + "name and no birth date, until the first day of the month after your 13th birthday, so that signing in "
            + "again with the same login keeps the protection for children. It is deleted then.")
    String eraseKeepsChild();

    @Message("It does not delete your marketplace login.")
    String eraseNotLogin();

    @Message("To close that account, use your account settings at the marketplace.")
    String eraseCloseAccount();

    @Message("To confirm, type {phrase}")
    String eraseConfirmLabel(String phrase);

    @Message("Erase my data")
    String eraseButton();

    @Message("Type {phrase} exactly, in capital letters, to erase your data.")
    String errErase(String phrase);

    @Message("Your data was erased")
    String erasedTitle();

    @Message("The privacy gateway no longer holds your personal data, and every partner has been told that your "
            + "permissions ended. Your marketplace login still exists; signing in again starts an empty profile.")
    String erasedText();

    // ---- signed out and refusals

    @Message("Signed out")
    String signedOutPageTitle();

    @Message("You are signed out")
    String signedOutTitle();

    @Message("Sign in to the consent center again")
    String signInAgain();

    @Message("This form has expired or did not come from the consent center. Reload the page and try again.")
    String formExpired();
}
