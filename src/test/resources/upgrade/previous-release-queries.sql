-- The SQL the previous release (schema V9) issues, one entry per statement shape: Hibernate's entity reads, inserts
-- and updates (every mapped column, as Hibernate writes them), its JPQL and Panache queries as the SQL Hibernate makes
-- of them, and the hand-written native and JDBC statements. Hibernate's were taken from its log
-- (quarkus.hibernate-orm.log.sql) of the member, admin, policy and analytics tests; those the log run did not reach
-- (the members page and its member list, the backfill, the export lists) are written in the same form from their
-- JPQL. Parameters are written in place, with values from previous-release-data.sql; "now" is 2025-03-20 unless an
-- entry says.
--
-- Each entry: comment lines naming where it comes from (class.method, previous release), then "rows: n" (rows a
-- query returns, or rows a write changes) and optionally "first: a | b | ..." (the first row's columns, as text,
-- "null" for NULL); then the statement, ending with ";". PreviousReleaseUpgradeTest runs every entry on the previous
-- release's schema and on the latest, each in a transaction it rolls back.

-- Partners and policy versions (config/ConfigGeneration, partner/PartnerDirectory, policy/PolicyService)

-- ConfigGeneration.current: the stamp every request compares with its in-memory copies (JDBC)
-- rows: 1
select generation from config_generation where id = 1;

-- PartnerDirectory.byClientId: the caller behind a partner token, with its requests and hosts (JPQL, join fetch)
-- rows: 8
select distinct p1_0.id, p1_0.client_id, p1_0.created_at, p1_0.display_name, h1_0.partner_id, h1_0.host, p1_0.kind,
       p1_0.logo_url, p1_0.policy_url, p1_0.privacy_contact, p1_0.rate_limit_per_minute, r1_0.partner_id,
       r1_0.category, r1_0.justification, r1_0.level, r1_0.purpose, p1_0.source, p1_0.status,
       p1_0.suspended_by_admin, p1_0.suspension_reason, p1_0.updated_at
from partner p1_0 left join partner_request r1_0 on p1_0.id=r1_0.partner_id
     left join partner_host h1_0 on p1_0.id=h1_0.partner_id
where p1_0.client_id='skyway-travel';

-- PolicyService.load: every policy version with its matrix (JPQL, join fetch)
-- rows: 35
select distinct pv1_0.version, pv1_0.effective_at, p1_0.version, p1_0.category, p1_0.purpose, pv1_0.published_at,
       pv1_0.summary, pv1_0.url
from policy_version pv1_0 left join policy_permission p1_0 on pv1_0.version=p1_0.version
order by pv1_0.version;

-- PolicyPublisher.upcoming: versions not yet in force ("now" 2025-01-20) (JPQL, join fetch)
-- rows: 12
-- first: 2
select distinct pv1_0.version, pv1_0.effective_at, p1_0.version, p1_0.category, p1_0.purpose, pv1_0.published_at,
       pv1_0.summary, pv1_0.url
from policy_version pv1_0 left join policy_permission p1_0 on pv1_0.version=p1_0.version
where pv1_0.effective_at>TIMESTAMP WITH TIME ZONE '2025-01-20 00:00:00+00'
order by pv1_0.effective_at;

-- PolicyPublisher.publish: the latest version (JPQL)
-- rows: 1
-- first: 2
select max(pv1_0.version) from policy_version pv1_0;

-- PolicyPublisher.publish: em.find(PolicyVersion) before publishing (Hibernate entity read)
-- rows: 1
-- first: 2 | 2025-02-03 00:00:00+00 | 2025-01-02 09:00:00+00 | Phone numbers may be used for account linking only. | https://privacy-gateway.example/policy/v2
select pv1_0.version, pv1_0.effective_at, pv1_0.published_at, pv1_0.summary, pv1_0.url
from policy_version pv1_0 where pv1_0.version=2;

-- PolicyVersion.permissions: the element collection, loaded on access (Hibernate)
-- rows: 12
select p1_0.version, p1_0.category, p1_0.purpose from policy_permission p1_0 where p1_0.version=2;

-- PolicyPublisher.publish: em.persist(PolicyVersion) (Hibernate insert, every mapped column)
-- rows: 1
insert into policy_version (effective_at, published_at, summary, url, version)
values (TIMESTAMP WITH TIME ZONE '2025-05-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00',
        'Company data no longer used for marketing.', 'https://privacy-gateway.example/policy/v3', 3);

-- PolicyPublisher.publish: the new version's matrix (Hibernate element collection insert)
-- rows: 1
insert into policy_permission (version, category, purpose) values (1, 'EMAIL', 'ANALYTICS');

-- Partners (partner/PartnerAdmin, PartnerSync, graphql/PublicGraphQL, member/AudienceStats)

-- PartnerAdmin.existing, PartnerSync.apply, ConsentLedger.grant: em.find(Partner) (Hibernate entity read)
-- rows: 1
-- first: northwind-insights | northwind-insights | 2025-01-15 10:00:00+00 | Northwind Insights | analytics | null | https://northwind.example/privacy | privacy@northwind.example | 60 | API | SUSPENDED | t | Contract under review | 2025-04-01 12:30:00+00
select p1_0.id, p1_0.client_id, p1_0.created_at, p1_0.display_name, p1_0.kind, p1_0.logo_url, p1_0.policy_url,
       p1_0.privacy_contact, p1_0.rate_limit_per_minute, p1_0.source, p1_0.status, p1_0.suspended_by_admin,
       p1_0.suspension_reason, p1_0.updated_at
from partner p1_0 where p1_0.id='northwind-insights';

-- Partner.hosts: the element collection, loaded on access (Hibernate)
-- rows: 2
select h1_0.partner_id, h1_0.host from partner_host h1_0 where h1_0.partner_id='skyway-travel';

-- Partner.requests: the element collection, loaded on access (Hibernate)
-- rows: 4
select r1_0.partner_id, r1_0.category, r1_0.justification, r1_0.level, r1_0.purpose
from partner_request r1_0 where r1_0.partner_id='skyway-travel';

-- Partner.hosts of several partners at once (Hibernate batch fetch)
-- rows: 3
select h1_0.partner_id, h1_0.host from partner_host h1_0
where h1_0.partner_id = any (array['skyway-travel', 'clearpay-payments']);

-- Partner.requests of several partners at once (Hibernate batch fetch)
-- rows: 6
select r1_0.partner_id, r1_0.category, r1_0.justification, r1_0.level, r1_0.purpose from partner_request r1_0
where r1_0.partner_id = any (array['skyway-travel', 'clearpay-payments']);

-- PartnerAdmin.all: every partner with its requests (JPQL, join fetch)
-- rows: 10
-- first: clearpay-payments
select distinct p1_0.id, p1_0.client_id, p1_0.created_at, p1_0.display_name, p1_0.kind, p1_0.logo_url,
       p1_0.policy_url, p1_0.privacy_contact, p1_0.rate_limit_per_minute, r1_0.partner_id, r1_0.category,
       r1_0.justification, r1_0.level, r1_0.purpose, p1_0.source, p1_0.status, p1_0.suspended_by_admin,
       p1_0.suspension_reason, p1_0.updated_at
from partner p1_0 left join partner_request r1_0 on p1_0.id=r1_0.partner_id order by p1_0.id;

-- PartnerAdmin.checkUnique: is the client id taken by another partner (JPQL)
-- rows: 1
-- first: 1
select count(p1_0.id) from partner p1_0 where p1_0.client_id='skyway-travel' and p1_0.id<>'parcelpath-logistics';

-- PartnerAdmin.checkUnique: are the hosts taken by another partner (JPQL)
-- rows: 1
-- first: parcelpath.example
select h1_0.host from partner p1_0 join partner_host h1_0 on p1_0.id=h1_0.partner_id
where h1_0.host in ('parcelpath.example', 'new.example') and p1_0.id<>'skyway-travel';

-- PartnerSync.apply: file partners still active, to suspend those whose file is gone (JPQL)
-- rows: 3
select p1_0.id, p1_0.client_id, p1_0.created_at, p1_0.display_name, p1_0.kind, p1_0.logo_url, p1_0.policy_url,
       p1_0.privacy_contact, p1_0.rate_limit_per_minute, p1_0.source, p1_0.status, p1_0.suspended_by_admin,
       p1_0.suspension_reason, p1_0.updated_at
from partner p1_0 where p1_0.source='FILE' and p1_0.status='ACTIVE';

-- AudienceStats.takeSnapshots: every partner, to find those that declared ANALYTICS (JPQL)
-- rows: 4
select p1_0.id, p1_0.client_id, p1_0.created_at, p1_0.display_name, p1_0.kind, p1_0.logo_url, p1_0.policy_url,
       p1_0.privacy_contact, p1_0.rate_limit_per_minute, p1_0.source, p1_0.status, p1_0.suspended_by_admin,
       p1_0.suspension_reason, p1_0.updated_at
from partner p1_0;

-- PublicGraphQL.coBrand: the partner behind a co-brand host (JPQL)
-- rows: 1
-- first: skyway-travel
select p1_0.id, p1_0.client_id, p1_0.created_at, p1_0.display_name, p1_0.kind, p1_0.logo_url, p1_0.policy_url,
       p1_0.privacy_contact, p1_0.rate_limit_per_minute, p1_0.source, p1_0.status, p1_0.suspended_by_admin,
       p1_0.suspension_reason, p1_0.updated_at
from partner p1_0 join partner_host h1_0 on p1_0.id=h1_0.partner_id where h1_0.host='book.skyway-travel.example';

-- PartnerAdmin.onboard, PartnerSync.apply: em.persist(Partner) (Hibernate insert, every mapped column)
-- rows: 1
insert into partner (client_id, created_at, display_name, kind, logo_url, policy_url, privacy_contact,
                     rate_limit_per_minute, source, status, suspended_by_admin, suspension_reason, updated_at, id)
values ('harbour-hotels', TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', 'Harbour Hotels', 'hospitality', NULL,
        'https://harbour-hotels.example/privacy', 'privacy@harbour-hotels.example', 300, 'API', 'ACTIVE', FALSE, NULL,
        TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', 'harbour-hotels');

-- Partner.hosts on persist or change (Hibernate element collection insert)
-- rows: 1
insert into partner_host (partner_id, host) values ('parcelpath-logistics', 'track.parcelpath.example');

-- Partner.requests on persist or change (Hibernate element collection insert)
-- rows: 1
insert into partner_request (partner_id, category, justification, level, purpose)
values ('parcelpath-logistics', 'EMAIL', 'We email you the tracking link.', 'FULL', 'ORDER_FULFILLMENT');

-- PartnerAdmin.update, suspend, reactivate, PartnerSync.apply: a changed Partner (Hibernate update, every column)
-- rows: 1
update partner set client_id='northwind-insights', created_at=TIMESTAMP WITH TIME ZONE '2025-01-15 10:00:00+00',
       display_name='Northwind Insights', kind='analytics', logo_url=NULL, policy_url='https://northwind.example/privacy',
       privacy_contact='privacy@northwind.example', rate_limit_per_minute=60, source='API', status='ACTIVE',
       suspended_by_admin=FALSE, suspension_reason=NULL, updated_at=TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00'
where id='northwind-insights';

-- Partner.requests narrowed (Hibernate element collection: one row removed by all its columns)
-- rows: 1
delete from partner_request where partner_id='skyway-travel' and category='EMAIL'
       and justification='Fare alerts, if you want them.' and level='FULL' and purpose='MARKETING';

-- Partner.hosts narrowed (Hibernate element collection: one row removed by all its columns)
-- rows: 1
delete from partner_host where partner_id='skyway-travel' and host='book.skyway-travel.example';

-- Members (member/MemberAccount, MemberDisclosures, BirthDates, consent/ConsentLedger)

-- MemberAccount.get, updateProfile, eraseData, BirthDates, Disclosures: em.find(Member) (Hibernate entity read)
-- rows: 1
-- first: a0000000-0000-4000-8000-000000000001 | 1 | 1988-04-17 | VISA | 8 | 2029 | 4242 | 1 | tok_4eC39HqLyjWDarjtT1zdp7dc | Uppsala | Uppsala | SE | Lindqvist Design AB | 1 | 753 21 | null | Kungsgatan 4 | SE | 2024-11-05 09:12:00+00 | alice.lindqvist@mail.example | 1 | null | Lindqvist | Alice | f | 1 | +46701234567 | 2 | 753 10 | COMPANY | Uppsala län | Drottninggatan 12 | kc|alice | 2025-03-02 17:40:00+00
select m1_0.id, m1_0.address_policy_version, m1_0.birth_date, m1_0.card_brand, m1_0.card_expiry_month,
       m1_0.card_expiry_year, m1_0.card_last4, m1_0.card_policy_version, m1_0.card_token, m1_0.city,
       m1_0.company_city, m1_0.company_country, m1_0.company_name, m1_0.company_policy_version,
       m1_0.company_postal_code, m1_0.company_region, m1_0.company_street, m1_0.country, m1_0.created_at, m1_0.email,
       m1_0.email_policy_version, m1_0.erased_at, m1_0.family_name, m1_0.given_name, m1_0.marketing_opt_out,
       m1_0.name_policy_version, m1_0.phone, m1_0.phone_policy_version, m1_0.postal_code, m1_0.public_categories,
       m1_0.region, m1_0.street, m1_0.subject, m1_0.updated_at
from member m1_0 where m1_0.id='a0000000-0000-4000-8000-000000000001';

-- MemberAccount.bySubject: the member behind a login (Panache find("subject").firstResult())
-- rows: 1
-- first: a0000000-0000-4000-8000-000000000002
select m1_0.id, m1_0.address_policy_version, m1_0.birth_date, m1_0.card_brand, m1_0.card_expiry_month,
       m1_0.card_expiry_year, m1_0.card_last4, m1_0.card_policy_version, m1_0.card_token, m1_0.city,
       m1_0.company_city, m1_0.company_country, m1_0.company_name, m1_0.company_policy_version,
       m1_0.company_postal_code, m1_0.company_region, m1_0.company_street, m1_0.country, m1_0.created_at, m1_0.email,
       m1_0.email_policy_version, m1_0.erased_at, m1_0.family_name, m1_0.given_name, m1_0.marketing_opt_out,
       m1_0.name_policy_version, m1_0.phone, m1_0.phone_policy_version, m1_0.postal_code, m1_0.public_categories,
       m1_0.region, m1_0.street, m1_0.subject, m1_0.updated_at
from member m1_0 where m1_0.subject='kc|bob' fetch first 1 rows only;

-- MemberAccount.bySubject: the first login creates the member (Hibernate insert, every mapped column)
-- rows: 1
insert into member (address_policy_version, birth_date, card_brand, card_expiry_month, card_expiry_year, card_last4,
                    card_policy_version, card_token, city, company_city, company_country, company_name,
                    company_policy_version, company_postal_code, company_region, company_street, country, created_at,
                    email, email_policy_version, erased_at, family_name, given_name, marketing_opt_out,
                    name_policy_version, phone, phone_policy_version, postal_code, public_categories, region, street,
                    subject, updated_at, id)
values (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', NULL, NULL, NULL, NULL, NULL, FALSE, NULL, NULL, NULL, NULL,
        '', NULL, NULL, 'kc|farid', TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00',
        'a0000000-0000-4000-8000-000000000006');

-- MemberAccount.updateProfile, eraseData, setMarketingOptOut, BirthDates.apply: a changed Member (Hibernate update)
-- rows: 1
update member set address_policy_version=1, birth_date=DATE '1979-11-30', card_brand=NULL, card_expiry_month=NULL,
       card_expiry_year=NULL, card_last4=NULL, card_policy_version=NULL, card_token=NULL, city='Abuja',
       company_city=NULL, company_country=NULL, company_name=NULL, company_policy_version=NULL,
       company_postal_code=NULL, company_region=NULL, company_street=NULL, country='NG',
       created_at=TIMESTAMP WITH TIME ZONE '2024-11-06 14:00:00+00', email='bob@mail.example', email_policy_version=1,
       erased_at=NULL, family_name='Okafor', given_name='Bob', marketing_opt_out=TRUE, name_policy_version=1,
       phone='+2348031234567', phone_policy_version=2, postal_code=NULL, public_categories='', region=NULL,
       street=NULL, subject='kc|bob', updated_at=TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00'
where id='a0000000-0000-4000-8000-000000000002';

-- ConsentLedger.lockMember: the member's row lock for a consent change (native query, PostgreSQL)
-- rows: 1
select id from member where id = 'a0000000-0000-4000-8000-000000000001' for no key update;

-- MemberDisclosures.page: one members page, minors left out ("now" 2025-03-20, minors born after 2012-03-20) (JPQL)
-- rows: 2
-- first: -3094118720555211702 | a0000000-0000-4000-8000-000000000002
select distinct c1_0.member_order, c1_0.member_id from consent c1_0
where c1_0.partner_id='skyway-travel' and c1_0.purpose='ORDER_FULFILLMENT' and c1_0.revoked_at is null
  and c1_0.expires_at>TIMESTAMP WITH TIME ZONE '2025-03-20 00:00:00+00'
  and not exists(select 1 from member m1_0 where m1_0.id=c1_0.member_id and m1_0.birth_date>DATE '2012-03-20')
order by c1_0.member_order, c1_0.member_id fetch first 21 rows only;

-- MemberDisclosures.page: the next page after a cursor (JPQL)
-- rows: 1
-- first: 7211458290021371337 | a0000000-0000-4000-8000-000000000001
select distinct c1_0.member_order, c1_0.member_id from consent c1_0
where c1_0.partner_id='skyway-travel' and c1_0.purpose='ORDER_FULFILLMENT' and c1_0.revoked_at is null
  and c1_0.expires_at>TIMESTAMP WITH TIME ZONE '2025-03-20 00:00:00+00'
  and not exists(select 1 from member m1_0 where m1_0.id=c1_0.member_id and m1_0.birth_date>DATE '2012-03-20')
  and (c1_0.member_order>-3094118720555211702
       or (c1_0.member_order=-3094118720555211702 and c1_0.member_id>'a0000000-0000-4000-8000-000000000002'))
order by c1_0.member_order, c1_0.member_id fetch first 21 rows only;

-- MemberDisclosures.page: the page's members, erased ones left out (JPQL)
-- rows: 2
select m1_0.id, m1_0.address_policy_version, m1_0.birth_date, m1_0.card_brand, m1_0.card_expiry_month,
       m1_0.card_expiry_year, m1_0.card_last4, m1_0.card_policy_version, m1_0.card_token, m1_0.city,
       m1_0.company_city, m1_0.company_country, m1_0.company_name, m1_0.company_policy_version,
       m1_0.company_postal_code, m1_0.company_region, m1_0.company_street, m1_0.country, m1_0.created_at, m1_0.email,
       m1_0.email_policy_version, m1_0.erased_at, m1_0.family_name, m1_0.given_name, m1_0.marketing_opt_out,
       m1_0.name_policy_version, m1_0.phone, m1_0.phone_policy_version, m1_0.postal_code, m1_0.public_categories,
       m1_0.region, m1_0.street, m1_0.subject, m1_0.updated_at
from member m1_0 where m1_0.id in ('a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002',
                                   'a0000000-0000-4000-8000-000000000004') and m1_0.erased_at is null;

-- MemberDisclosures.consentsFor: the page's consents for the partner and purpose (JPQL)
-- rows: 4
select c1_0.member_id, c1_0.category, c1_0.purpose, c1_0.level, c1_0.expires_at from consent c1_0
where c1_0.partner_id='skyway-travel' and c1_0.purpose='ORDER_FULFILLMENT' and c1_0.revoked_at is null
  and c1_0.member_id in ('a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002');

-- MemberDisclosures.preview, ConsentLedger.endAllForErasure: a member's unrevoked consents (JPQL)
-- rows: 5
select c1_0.id, c1_0.category, c1_0.expires_at, c1_0.expiry_recorded, c1_0.granted_at, c1_0.level, c1_0.member_id,
       c1_0.member_order, c1_0.partner_id, c1_0.partner_policy_url, c1_0.policy_version, c1_0.purpose,
       c1_0.revoked_at
from consent c1_0 where c1_0.member_id='a0000000-0000-4000-8000-000000000001' and c1_0.revoked_at is null;

-- BirthDates.apply: partners a member who became a minor still consents to (JPQL)
-- rows: 3
select distinct c1_0.partner_id from consent c1_0
where c1_0.member_id='a0000000-0000-4000-8000-000000000001' and c1_0.revoked_at is null;

-- AudienceStats.snapshot: the members behind one partner's statistics (JPQL)
-- rows: 1
-- first: JP | null
select m1_0.country, m1_0.birth_date from member m1_0
where m1_0.erased_at is null and exists(select 1 from consent c1_0 where c1_0.member_id=m1_0.id
      and c1_0.partner_id='northwind-insights' and c1_0.purpose='ANALYTICS' and c1_0.revoked_at is null
      and c1_0.expires_at>TIMESTAMP WITH TIME ZONE '2025-03-20 00:00:00+00');

-- Consents (consent/ConsentLedger, MemberConsents, MemberOrderBackfill)

-- ConsentLedger.find: one consent by its key, before a grant (JPQL)
-- rows: 1
-- first: c0000000-0000-4000-8000-000000000004
select c1_0.id, c1_0.category, c1_0.expires_at, c1_0.expiry_recorded, c1_0.granted_at, c1_0.level, c1_0.member_id,
       c1_0.member_order, c1_0.partner_id, c1_0.partner_policy_url, c1_0.policy_version, c1_0.purpose,
       c1_0.revoked_at
from consent c1_0 where c1_0.member_id='a0000000-0000-4000-8000-000000000002' and c1_0.partner_id='skyway-travel'
  and c1_0.category='EMAIL' and c1_0.purpose='ORDER_FULFILLMENT';

-- ConsentLedger.live: a member's unrevoked consents to one partner, before a revocation (JPQL)
-- rows: 3
select c1_0.id, c1_0.category, c1_0.expires_at, c1_0.expiry_recorded, c1_0.granted_at, c1_0.level, c1_0.member_id,
       c1_0.member_order, c1_0.partner_id, c1_0.partner_policy_url, c1_0.policy_version, c1_0.purpose,
       c1_0.revoked_at
from consent c1_0 where c1_0.member_id='a0000000-0000-4000-8000-000000000001' and c1_0.partner_id='skyway-travel'
  and c1_0.revoked_at is null;

-- ConsentLedger.recordExpiries: consents that ran out with no EXPIRE event yet ("now" 2026-01-15) (JPQL)
-- rows: 1
-- first: c0000000-0000-4000-8000-000000000004
select c1_0.id, c1_0.category, c1_0.expires_at, c1_0.expiry_recorded, c1_0.granted_at, c1_0.level, c1_0.member_id,
       c1_0.member_order, c1_0.partner_id, c1_0.partner_policy_url, c1_0.policy_version, c1_0.purpose,
       c1_0.revoked_at
from consent c1_0 where c1_0.revoked_at is null and c1_0.expires_at<=TIMESTAMP WITH TIME ZONE '2026-01-15 00:00:00+00'
  and c1_0.expiry_recorded=false fetch first 1000 rows only;

-- ConsentLedger.grant: a new consent (Hibernate insert, every mapped column)
-- rows: 1
insert into consent (category, expires_at, expiry_recorded, granted_at, level, member_id, member_order, partner_id,
                     partner_policy_url, policy_version, purpose, revoked_at, id)
values ('NAME', TIMESTAMP WITH TIME ZONE '2026-03-20 10:00:00+00', FALSE,
        TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', 'FULL', 'a0000000-0000-4000-8000-000000000002',
        -3094118720555211702, 'skyway-travel', 'https://www.skyway-travel.example/privacy', 2, 'ORDER_FULFILLMENT',
        NULL, 'c0000000-0000-4000-8000-000000000011');

-- ConsentLedger.grant, revoke, endAllForErasure, recordExpiries: a changed Consent (Hibernate update, every column)
-- rows: 1
update consent set category='EMAIL', expires_at=TIMESTAMP WITH TIME ZONE '2026-01-10 10:01:00+00',
       expiry_recorded=FALSE, granted_at=TIMESTAMP WITH TIME ZONE '2025-01-10 10:01:00+00', level='PARTIAL',
       member_id='a0000000-0000-4000-8000-000000000002', member_order=-3094118720555211702, partner_id='skyway-travel',
       partner_policy_url='https://www.skyway-travel.example/privacy', policy_version=1, purpose='ORDER_FULFILLMENT',
       revoked_at=TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00'
where id='c0000000-0000-4000-8000-000000000004';

-- ConsentLedger.recordEvent: the history row of a grant, revocation, expiry or erasure (Hibernate insert)
-- rows: 1
insert into consent_event (action, category, expires_at, level, member_id, occurred_at, pairwise_member_id,
                           partner_id, partner_policy_url, policy_version, purpose, id)
values ('REVOKE', 'EMAIL', TIMESTAMP WITH TIME ZONE '2026-01-10 10:01:00+00', 'PARTIAL',
        'a0000000-0000-4000-8000-000000000002', TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00',
        'pw_8mKIzyhBunC_dPIZZOeRvQ', 'skyway-travel', 'https://www.skyway-travel.example/privacy', 2,
        'ORDER_FULFILLMENT', 'e0000000-0000-4000-8000-000000000007');

-- ConsentLedger.append: the member's receipt of a grant or revocation (Hibernate insert)
-- rows: 1
insert into consent_receipt (action, category, expires_at, gateway_policy_url, gateway_policy_version, issued_at,
                             level, member_id, pairwise_member_id, partner_id, partner_name, partner_policy_url,
                             purpose, id)
values ('REVOKE', 'EMAIL', NULL, 'https://privacy-gateway.example/policy/v2', 2,
        TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', 'PARTIAL', 'a0000000-0000-4000-8000-000000000002',
        'pw_8mKIzyhBunC_dPIZZOeRvQ', 'skyway-travel', 'Skyway Travel', 'https://www.skyway-travel.example/privacy',
        'ORDER_FULFILLMENT', 'b0000000-0000-4000-8000-000000000005');

-- MemberConsents.consentsOf: every consent of a member, for the consent center (JPQL)
-- rows: 5
-- first: c0000000-0000-4000-8000-000000000007
select c1_0.id, c1_0.category, c1_0.expires_at, c1_0.expiry_recorded, c1_0.granted_at, c1_0.level, c1_0.member_id,
       c1_0.member_order, c1_0.partner_id, c1_0.partner_policy_url, c1_0.policy_version, c1_0.purpose,
       c1_0.revoked_at
from consent c1_0 where c1_0.member_id='a0000000-0000-4000-8000-000000000001'
order by c1_0.partner_id, c1_0.category, c1_0.purpose;

-- MemberConsents.consentsOf: the partners of those consents, with their requests (JPQL, join fetch)
-- rows: 9
select distinct p1_0.id, p1_0.client_id, p1_0.created_at, p1_0.display_name, p1_0.kind, p1_0.logo_url,
       p1_0.policy_url, p1_0.privacy_contact, p1_0.rate_limit_per_minute, r1_0.partner_id, r1_0.category,
       r1_0.justification, r1_0.level, r1_0.purpose, p1_0.source, p1_0.status, p1_0.suspended_by_admin,
       p1_0.suspension_reason, p1_0.updated_at
from partner p1_0 left join partner_request r1_0 on p1_0.id=r1_0.partner_id
where p1_0.id in (select c1_0.partner_id from consent c1_0 where c1_0.member_id='a0000000-0000-4000-8000-000000000001');

-- MemberConsents.receiptsOf: a member's receipts, newest first (Panache list with Sort)
-- rows: 2
-- first: b0000000-0000-4000-8000-000000000003
select cr1_0.id, cr1_0.action, cr1_0.category, cr1_0.expires_at, cr1_0.gateway_policy_url,
       cr1_0.gateway_policy_version, cr1_0.issued_at, cr1_0.level, cr1_0.member_id, cr1_0.pairwise_member_id,
       cr1_0.partner_id, cr1_0.partner_name, cr1_0.partner_policy_url, cr1_0.purpose
from consent_receipt cr1_0 where cr1_0.member_id='a0000000-0000-4000-8000-000000000001'
order by cr1_0.issued_at desc, cr1_0.id desc;

-- MemberConsents.receipt: one receipt to download (em.find(ConsentReceipt))
-- rows: 1
-- first: b0000000-0000-4000-8000-000000000002 | REVOKE | EMAIL | null
select cr1_0.id, cr1_0.action, cr1_0.category, cr1_0.expires_at, cr1_0.gateway_policy_url,
       cr1_0.gateway_policy_version, cr1_0.issued_at, cr1_0.level, cr1_0.member_id, cr1_0.pairwise_member_id,
       cr1_0.partner_id, cr1_0.partner_name, cr1_0.partner_policy_url, cr1_0.purpose
from consent_receipt cr1_0 where cr1_0.id='b0000000-0000-4000-8000-000000000002';

-- MemberConsents.changesFor: a partner's feed of ended consents, oldest first (JPQL)
-- rows: 3
-- first: e0000000-0000-4000-8000-000000000003
select ce1_0.id, ce1_0.action, ce1_0.category, ce1_0.expires_at, ce1_0.level, ce1_0.member_id, ce1_0.occurred_at,
       ce1_0.pairwise_member_id, ce1_0.partner_id, ce1_0.partner_policy_url, ce1_0.policy_version, ce1_0.purpose
from consent_event ce1_0 where ce1_0.partner_id='skyway-travel' and ce1_0.action in ('REVOKE', 'EXPIRE', 'ERASE')
order by ce1_0.occurred_at, ce1_0.id fetch first 51 rows only;

-- MemberConsents.changesFor: the feed after a cursor (JPQL)
-- rows: 1
-- first: e0000000-0000-4000-8000-000000000005
select ce1_0.id, ce1_0.action, ce1_0.category, ce1_0.expires_at, ce1_0.level, ce1_0.member_id, ce1_0.occurred_at,
       ce1_0.pairwise_member_id, ce1_0.partner_id, ce1_0.partner_policy_url, ce1_0.policy_version, ce1_0.purpose
from consent_event ce1_0 where ce1_0.partner_id='skyway-travel' and ce1_0.action in ('REVOKE', 'EXPIRE', 'ERASE')
  and (ce1_0.occurred_at>TIMESTAMP WITH TIME ZONE '2025-02-01 16:30:00+00'
       or (ce1_0.occurred_at=TIMESTAMP WITH TIME ZONE '2025-02-01 16:30:00+00'
           and ce1_0.id>'e0000000-0000-4000-8000-000000000006'))
order by ce1_0.occurred_at, ce1_0.id fetch first 51 rows only;

-- MemberAccount.export (consent history, oldest first) (Panache list with Sort)
-- rows: 2
-- first: e0000000-0000-4000-8000-000000000002 | GRANT
select ce1_0.id, ce1_0.action, ce1_0.category, ce1_0.expires_at, ce1_0.level, ce1_0.member_id, ce1_0.occurred_at,
       ce1_0.pairwise_member_id, ce1_0.partner_id, ce1_0.partner_policy_url, ce1_0.policy_version, ce1_0.purpose
from consent_event ce1_0 where ce1_0.member_id='a0000000-0000-4000-8000-000000000002' order by ce1_0.occurred_at;

-- MemberAccount.export (receipts, oldest first) (Panache list with Sort)
-- rows: 2
-- first: b0000000-0000-4000-8000-000000000001
select cr1_0.id, cr1_0.action, cr1_0.category, cr1_0.expires_at, cr1_0.gateway_policy_url,
       cr1_0.gateway_policy_version, cr1_0.issued_at, cr1_0.level, cr1_0.member_id, cr1_0.pairwise_member_id,
       cr1_0.partner_id, cr1_0.partner_name, cr1_0.partner_policy_url, cr1_0.purpose
from consent_receipt cr1_0 where cr1_0.member_id='a0000000-0000-4000-8000-000000000001' order by cr1_0.issued_at;

-- MemberOrderBackfill.staleKeys: one sort key to compare with the current secret's (JPQL)
-- rows: 1
select c1_0.id, c1_0.category, c1_0.expires_at, c1_0.expiry_recorded, c1_0.granted_at, c1_0.level, c1_0.member_id,
       c1_0.member_order, c1_0.partner_id, c1_0.partner_policy_url, c1_0.policy_version, c1_0.purpose,
       c1_0.revoked_at
from consent c1_0 where c1_0.member_order is not null fetch first 1 rows only;

-- MemberOrderBackfill.clearAll: the secret changed, every sort key is recomputed (JPQL bulk update)
-- rows: 10
update consent set member_order=null;

-- MemberOrderBackfill.fillBatch: rows without a sort key (JPQL)
-- rows: 0
select c1_0.id, c1_0.partner_id, c1_0.member_id from consent c1_0 where c1_0.member_order is null
fetch first 500 rows only;

-- MemberOrderBackfill.fillBatch: one row's sort key (JPQL bulk update)
-- rows: 1
update consent set member_order=7211458290021371337 where id='c0000000-0000-4000-8000-000000000001';

-- Access log and admin audit (audit/AccessLog, AuditReads, RetentionJob, AdminAudit, member/Disclosures)

-- AccessLog.recordReads: one row per member read, in the reading transaction (JDBC batch)
-- rows: 1
insert into access_event (id, request_id, occurred_at, kind, partner_id, member_id, purpose, operation, served, masked)
values ('ac000000-0000-4000-8000-000000000008', '5f4e3d2c-1b0a-4987-8654-3210fedcba98',
        TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', 'READ', 'skyway-travel',
        'a0000000-0000-4000-8000-000000000001', 'ORDER_FULFILLMENT', 'member', 'EMAIL:FULL', 'PHONE:NOT_REQUESTED');

-- Disclosures.record, recordGuardianRequest, BirthDates.apply: em.persist(AccessEvent) (Hibernate insert)
-- rows: 1
insert into access_event (kind, legal_basis, masked, member_id, occurred_at, operation, pairwise_member_id,
                          partner_id, purpose, recipient, reference, request_id, served, id)
values ('DISCLOSURE', 'Tax audit', '', 'a0000000-0000-4000-8000-000000000002',
        TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', 'recordDisclosure', NULL, NULL, NULL, 'Federal Inland Revenue',
        'FIRS-2025-88', 'disclosure-2025-0051', 'NAME:FULL', 'ac000000-0000-4000-8000-000000000009');

-- MemberAccount.eraseData: a member's partner reads, to keep only the pairwise id (JPQL)
-- rows: 2
select ae1_0.id, ae1_0.kind, ae1_0.legal_basis, ae1_0.masked, ae1_0.member_id, ae1_0.occurred_at, ae1_0.operation,
       ae1_0.pairwise_member_id, ae1_0.partner_id, ae1_0.purpose, ae1_0.recipient, ae1_0.reference, ae1_0.request_id,
       ae1_0.served
from access_event ae1_0 where ae1_0.member_id='a0000000-0000-4000-8000-000000000001' and ae1_0.partner_id is not null;

-- MemberAccount.eraseData: a partner read unlinked from the erased member (Hibernate update, every column)
-- rows: 1
update access_event set kind='READ', legal_basis=NULL, masked='PHONE:NOT_REQUESTED', member_id=NULL,
       occurred_at=TIMESTAMP WITH TIME ZONE '2025-03-03 08:00:00+00', operation='members',
       pairwise_member_id='pw_AdTDO5EW_b3Kww4ynuAs8Q', partner_id='skyway-travel', purpose='ORDER_FULFILLMENT',
       recipient=NULL, reference=NULL, request_id='7d3f2a10-5b8e-4c1d-9f60-1a2b3c4d5e6f',
       served='NAME:FULL,EMAIL:FULL,ADDRESS:PARTIAL'
where id='ac000000-0000-4000-8000-000000000001';

-- AuditReads.accessEvents: one member's events, newest first (Panache find with Sort and page)
-- rows: 3
-- first: ac000000-0000-4000-8000-000000000004
select ae1_0.id, ae1_0.kind, ae1_0.legal_basis, ae1_0.masked, ae1_0.member_id, ae1_0.occurred_at, ae1_0.operation,
       ae1_0.pairwise_member_id, ae1_0.partner_id, ae1_0.purpose, ae1_0.recipient, ae1_0.reference, ae1_0.request_id,
       ae1_0.served
from access_event ae1_0 where ae1_0.member_id='a0000000-0000-4000-8000-000000000001'
order by ae1_0.occurred_at desc, ae1_0.id desc offset 0 rows fetch first 51 rows only;

-- AuditReads.accessEvents: one partner's events after a cursor (Panache find with Sort and page)
-- rows: 2
-- first: ac000000-0000-4000-8000-000000000001
select ae1_0.id, ae1_0.kind, ae1_0.legal_basis, ae1_0.masked, ae1_0.member_id, ae1_0.occurred_at, ae1_0.operation,
       ae1_0.pairwise_member_id, ae1_0.partner_id, ae1_0.purpose, ae1_0.recipient, ae1_0.reference, ae1_0.request_id,
       ae1_0.served
from access_event ae1_0 where ae1_0.partner_id='skyway-travel'
  and ( ae1_0.occurred_at<TIMESTAMP WITH TIME ZONE '2025-03-03 08:00:00+00'
        or ( ae1_0.occurred_at=TIMESTAMP WITH TIME ZONE '2025-03-03 08:00:00+00'
             and ae1_0.id<'ac000000-0000-4000-8000-000000000002' ) )
order by ae1_0.occurred_at desc, ae1_0.id desc offset 0 rows fetch first 51 rows only;

-- MemberAccount.export (access events, oldest first) (Panache list with Sort)
-- rows: 2
-- first: ac000000-0000-4000-8000-000000000006
select ae1_0.id, ae1_0.kind, ae1_0.legal_basis, ae1_0.masked, ae1_0.member_id, ae1_0.occurred_at, ae1_0.operation,
       ae1_0.pairwise_member_id, ae1_0.partner_id, ae1_0.purpose, ae1_0.recipient, ae1_0.reference, ae1_0.request_id,
       ae1_0.served
from access_event ae1_0 where ae1_0.member_id='a0000000-0000-4000-8000-000000000003' order by ae1_0.occurred_at;

-- RetentionJob.purge: access events older than the retention (400 days before 2025-03-20) (Panache delete)
-- rows: 1
delete from access_event ae1_0 where ae1_0.occurred_at<TIMESTAMP WITH TIME ZONE '2024-02-14 00:00:00+00';

-- AdminAudit.record: every admin change (Hibernate insert)
-- rows: 1
insert into admin_action (action, actor, after_state, before_state, occurred_at, reason, target_id, target_type, id)
values ('REACTIVATE_PARTNER', 'ada', '{"status":"ACTIVE"}', '{"status":"SUSPENDED"}',
        TIMESTAMP WITH TIME ZONE '2025-03-20 10:00:00+00', NULL, 'northwind-insights', 'PARTNER',
        'ad000000-0000-4000-8000-000000000005');

-- AuditReads.adminActions: the admin audit, newest first (Panache findAll with Sort and page)
-- rows: 4
-- first: ad000000-0000-4000-8000-000000000003 | SUSPEND_PARTNER | ada
select aa1_0.id, aa1_0.action, aa1_0.actor, aa1_0.after_state, aa1_0.before_state, aa1_0.occurred_at, aa1_0.reason,
       aa1_0.target_id, aa1_0.target_type
from admin_action aa1_0 order by aa1_0.occurred_at desc, aa1_0.id desc offset 0 rows fetch first 51 rows only;

-- AuditReads.adminActions: after a cursor (Panache find with Sort and page)
-- rows: 2
-- first: ad000000-0000-4000-8000-000000000001
select aa1_0.id, aa1_0.action, aa1_0.actor, aa1_0.after_state, aa1_0.before_state, aa1_0.occurred_at, aa1_0.reason,
       aa1_0.target_id, aa1_0.target_type
from admin_action aa1_0 where aa1_0.occurred_at<TIMESTAMP WITH TIME ZONE '2025-02-01 16:29:00+00'
  or (aa1_0.occurred_at=TIMESTAMP WITH TIME ZONE '2025-02-01 16:29:00+00' and aa1_0.id<'ad000000-0000-4000-8000-000000000004')
order by aa1_0.occurred_at desc, aa1_0.id desc offset 0 rows fetch first 51 rows only;

-- Audience statistics (member/AudienceStats)

-- AudienceStats.latest: the partner's newest snapshot ("now" 2025-03-31 12:00) (JPQL)
-- rows: 1
-- first: 5a000000-0000-4000-8000-000000000001 | [{"key":"25-34","count":20},{"key":"35-44","count":15}] | [{"key":"JP","count":15},{"key":"SE","count":20}] | 10 | northwind-insights | 2025-03-31 00:00:00+00 | 5 | 2025-03-31 00:05:00+00 | 40
select as1_0.id, as1_0.by_age_band, as1_0.by_country, as1_0.k, as1_0.partner_id, as1_0.period_start, as1_0.rounding,
       as1_0.taken_at, as1_0.total
from audience_snapshot as1_0 where as1_0.partner_id='northwind-insights'
  and as1_0.period_start<=TIMESTAMP WITH TIME ZONE '2025-03-31 12:00:00+00'
order by as1_0.period_start desc fetch first 1 rows only;

-- AudienceStats.takeSnapshots: partners whose snapshot of the period is taken (JPQL)
-- rows: 1
select as1_0.partner_id from audience_snapshot as1_0
where as1_0.period_start=TIMESTAMP WITH TIME ZONE '2025-04-01 00:00:00+00';

-- AudienceStats.exists: did another replica take this period's snapshot (JPQL)
-- rows: 1
select as1_0.id from audience_snapshot as1_0 where as1_0.partner_id='northwind-insights'
  and as1_0.period_start=TIMESTAMP WITH TIME ZONE '2025-04-01 00:00:00+00';

-- AudienceStats.snapshot: the period's published figures (Hibernate insert)
-- rows: 1
insert into audience_snapshot (by_age_band, by_country, k, partner_id, period_start, rounding, taken_at, total, id)
values ('[]', '[]', 10, 'northwind-insights', TIMESTAMP WITH TIME ZONE '2025-04-02 00:00:00+00', 5,
        TIMESTAMP WITH TIME ZONE '2025-04-02 00:05:00+00', NULL, '5a000000-0000-4000-8000-000000000003');
