package org.privacygateway.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expand/contract rule: the migrations newer than the previous release keep it working, and the rule refuses
 * each kind of statement that would break a release still running on the new schema (docs/upgrades.md).
 */
class ExpandContractTest {

    private static final MigrationVersion V9 = MigrationVersion.fromVersion("9");

    @Test
    void migrationsNewerThanThePreviousReleaseKeepItWorking() {
        List<ExpandContract.Migration> newer = MigrationFiles.newerThan(PreviousRelease.SCHEMA);
        List<ExpandContract.Finding> findings = ExpandContract.check(newer, PreviousRelease.SCHEMA);
        assertEquals(List.of(), findings, () -> "Migrations newer than V" + PreviousRelease.SCHEMA
                + " break the previous release during a rolling update:\n" + findings.stream()
                        .map(ExpandContract.Finding::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void everyMigrationFileIsSeen() throws IOException {
        long files = 0;
        for (Path folder : MigrationFiles.FOLDERS) {
            try (var list = Files.list(folder)) {
                files += list.count();
            }
        }
        assertEquals(files, MigrationFiles.newerThan(MigrationVersion.fromVersion("0")).size(),
                "every file in the migration folders is read as a migration");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DROP TABLE consent_receipt                                          | consent_receipt
            drop table if exists public.audience_snapshot cascade               | audience_snapshot
            ALTER TABLE member DROP COLUMN phone                                | member.phone
            alter table "member" drop "phone"                                   | member.phone
            ALTER TABLE ONLY public.member DROP COLUMN IF EXISTS phone          | member.phone
            ALTER TABLE consent RENAME COLUMN level TO disclosure_level         | consent.level
            ALTER TABLE member RENAME TO members                                | member
            ALTER TABLE member ALTER COLUMN phone TYPE VARCHAR(64)              | member.phone
            ALTER TABLE member ALTER COLUMN phone SET DATA TYPE TEXT             | member.phone
            ALTER TABLE member ALTER COLUMN email SET NOT NULL                  | member.email
            ALTER TABLE member ALTER COLUMN marketing_opt_out DROP DEFAULT      | member.marketing_opt_out
            ALTER TABLE member ADD COLUMN tier VARCHAR(16) NOT NULL             | member.tier
            ALTER TABLE member ADD tier VARCHAR(16) NOT NULL REFERENCES partner | member.tier
            ALTER TABLE consent DROP CONSTRAINT consent_key                     | consent_key
            ALTER TABLE consent RENAME CONSTRAINT consent_key TO consent_unique | consent_key
            ALTER TABLE consent ADD CONSTRAINT live CHECK (revoked_at IS NULL)  | live
            ALTER TABLE consent ADD UNIQUE (member_id, partner_id)              | consent
            CREATE UNIQUE INDEX member_email ON member (email)                  | member_email
            DROP INDEX member_by_birth_date                                     | member_by_birth_date
            ALTER INDEX consent_by_partner_purpose RENAME TO consent_by_partner | consent_by_partner_purpose
            TRUNCATE access_event                                               | access_event
            DROP FUNCTION bump_config_generation()                              | bump_config_generation
            DROP TRIGGER partner_generation ON partner                          | partner_generation
            DROP SEQUENCE config_generation_seq                                 | config_generation_seq
            ALTER SEQUENCE config_generation_seq RESTART WITH 1                 | config_generation_seq
            ALTER TABLE partner DISABLE TRIGGER partner_generation              | partner
            """)
    void refusesWhatBreaksTheRunningRelease(String statement, String object) {
        List<ExpandContract.Finding> findings = check(sql("V11__synthetic.sql", statement + ";"));
        assertEquals(1, findings.size(), () -> "findings: " + findings);
        assertEquals(object, findings.get(0).object());
        assertTrue(findings.get(0).problem().contains("V9"), findings.get(0).problem());
    }

    @Test
    void expandingIsAllowed() {
        assertEquals(List.of(), check(sql("V11__expand.sql", """
                CREATE TABLE webhook (id UUID PRIMARY KEY, partner_id VARCHAR(64) NOT NULL REFERENCES partner (id));
                ALTER TABLE member ADD COLUMN tier VARCHAR(16);
                ALTER TABLE member ADD COLUMN locale VARCHAR(8) NOT NULL DEFAULT 'en';
                ALTER TABLE consent ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL;
                CREATE INDEX member_by_country ON member (country);
                ALTER TABLE member ALTER COLUMN phone SET DEFAULT '';
                UPDATE member SET tier = 'basic' WHERE tier IS NULL;
                -- A DROP TABLE in a comment is not a statement.
                INSERT INTO admin_action (id, occurred_at, actor, action, target_type, target_id, reason)
                VALUES ('00000000-0000-0000-0000-000000000001', now(), 'migration', 'NOTE', 'SCHEMA', 'x',
                        'drop table member; alter table member drop column phone');
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN NEW.updated_at = now(); RETURN NEW; END $body$;
                """)));
    }

    @Test
    void theNewReleasesOwnObjectsMayChangeAcrossItsMigrations() {
        assertEquals(List.of(), check(
                sql("V11__webhooks.sql", """
                        CREATE TABLE webhook (id UUID PRIMARY KEY, secret VARCHAR(200), url VARCHAR(2000));
                        CREATE UNIQUE INDEX webhook_by_url ON webhook (url);
                        ALTER TABLE member ADD COLUMN tier VARCHAR(16);
                        CREATE SEQUENCE webhook_delivery_seq;
                        """),
                sql("V12__webhooks_fix.sql", """
                        ALTER TABLE webhook DROP COLUMN secret, ALTER COLUMN url SET NOT NULL;
                        DROP INDEX webhook_by_url;
                        ALTER TABLE member ALTER COLUMN tier SET NOT NULL;
                        ALTER SEQUENCE webhook_delivery_seq RESTART WITH 1;
                        """)));
    }

    @Test
    void everyActionOfAnAlterTableCounts() {
        List<ExpandContract.Finding> findings = check(sql("V11__mixed.sql",
                "ALTER TABLE member ADD COLUMN tier VARCHAR(16) DEFAULT 'a,b', DROP COLUMN phone,"
                        + " ALTER COLUMN email TYPE TEXT;"));
        assertEquals(List.of("member.phone", "member.email"),
                findings.stream().map(ExpandContract.Finding::object).toList());
    }

    @Test
    void aContractMarkerNamingAReleaseNoNewerThanThePreviousOneAllowsIt() {
        assertEquals(List.of(), check(sql("V11__contract.sql", """
                -- contract member.phone since V9: the release at V9 reads phone_e164 and never phone.
                ALTER TABLE member DROP COLUMN phone;
                -- contract consent.consent_key since V7
                ALTER TABLE consent DROP CONSTRAINT consent_key;
                """)));
    }

    @Test
    void aMarkerNamingALaterReleaseIsRefused() {
        List<ExpandContract.Finding> findings = check(sql("V11__early.sql", """
                -- contract member.phone since V11: this release stops using it.
                ALTER TABLE member DROP COLUMN phone;
                """));
        assertEquals(1, findings.size(), () -> "findings: " + findings);
        assertTrue(findings.get(0).problem().contains("the release at V11 stopped using it"),
                findings.get(0).problem());
    }

    @Test
    void aMarkerCoversOnlyTheObjectItNames() {
        List<ExpandContract.Finding> findings = check(sql("V11__other.sql", """
                -- contract member.fax since V9
                ALTER TABLE member DROP COLUMN phone;
                """));
        assertEquals(List.of("member.phone"), findings.stream().map(ExpandContract.Finding::object).toList());
    }

    @Test
    void aJavaMigrationsStatementsAreCheckedToo() {
        List<ExpandContract.Finding> findings = check(new ExpandContract.Migration(MigrationVersion.fromVersion("11"),
                "V11__Cleanup.java", SqlScript.ofJava("""
                        public class V11__Cleanup extends BaseJavaMigration {
                            public void migrate(Context context) throws Exception {
                                try (Statement s = context.getConnection().createStatement()) {
                                    s.execute("ALTER TABLE member "
                                            + "DROP COLUMN " + column());
                                    s.execute(\"""
                                            DROP TABLE audience_snapshot\""");
                                }
                            }
                        }
                        """)));
        assertEquals(List.of("member.x", "audience_snapshot"),
                findings.stream().map(ExpandContract.Finding::object).toList());
    }

    @Test
    void theJavaMigrationOfTheProjectIsReadAsItsStatements() throws IOException {
        SqlScript script = SqlScript.ofJava(
                Files.readString(Path.of("src/main/java/db/migration/V8__ConfigGeneration.java")));
        assertTrue(script.statements().contains(
                "CREATE TRIGGER x_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON x"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation()"),
                () -> "statements: " + script.statements());
        assertTrue(script.statements().contains(
                "CREATE TABLE config_generation (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL)"),
                () -> "statements: " + script.statements());
    }

    private static List<ExpandContract.Finding> check(ExpandContract.Migration... migrations) {
        return ExpandContract.check(List.of(migrations), V9);
    }

    private static ExpandContract.Migration sql(String name, String text) {
        String version = name.substring(1, name.indexOf("__"));
        return new ExpandContract.Migration(MigrationVersion.fromVersion(version), name, SqlScript.ofSql(text));
    }
}
