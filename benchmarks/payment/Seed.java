// Seeds a stopped Amtsgang distribution's embedded Derby database for the payment benchmark (part of
// benchmarks/payment/run.sh). Run as a single-file source program:
//
//   java -cp <derby jars> Seed.java <derby directory> <citizens> <cases> <case id year> <out directory> [history]
//
// The platform must be stopped (embedded Derby lets one JVM open the database) and must have started
// once with AMTSGANG_DEMO=true: the tables exist and the demo citizen anna.schmidt@example.org too.
//
//   citizens  IDENTITY_ACCOUNT rows bench-citizen-<n>@example.org, copies of the demo citizen's row
//             (so their password is the demo password) with ids derived from n, trust level HIGH
//             (the Meldebescheinigung asks for the eID). Existing ones are kept.
//   cases     CASES_CASE rows of buergeramt-meldebescheinigung in AWAITING_PAYMENT with its fee of
//             1000 cents, as an application handed in a few minutes ago looks: case n belongs to
//             citizen n % citizens. Ids <year>-XXXX-XXXX-XXXX from a counter (Crockford base 32),
//             so that they cannot meet the platform's random ids of the current year.
//   history   (optional, default 0) finished payments of the last two hours, as a running platform
//             has them: each with its own case (still AWAITING_PAYMENT), a PAYMENT_PAYMENT row in
//             FAILED (two in three) or CANCELLED and the sandbox's session saying the same, created
//             between 120 and 30 minutes ago. Ids P<case id year - 1>-..., references sbx_hist...
//
// Writes <out>/citizens.txt ("<index> <email> <subject>") and <out>/cases.txt ("<case id> <citizen
// index>", in the order created) and prints "SEED ..." lines.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

public class Seed {

    static final ZoneId CITY = ZoneId.of("Europe/Berlin");
    static final char[] B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final String DEMO_CITIZEN = "anna.schmidt@example.org";
    static final String SERVICE = "buergeramt-meldebescheinigung";
    static final String OFFICE = "buergeramt";
    static final long FEE_CENTS = 1000;
    static final int DEADLINE_DAYS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: Seed <derby directory> <citizens> <cases> <case id year> <out directory>");
            System.exit(2);
        }
        String url = "jdbc:derby:" + args[0];
        int citizens = Integer.parseInt(args[1]);
        int cases = Integer.parseInt(args[2]);
        int year = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        int history = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            String identity = schemaOf(c, "IDENTITY_ACCOUNT");
            String casesSchema = schemaOf(c, "CASES_CASE");
            List<String> citizenLines = citizens(c, identity, citizens);
            Files.write(out.resolve("citizens.txt"), citizenLines, StandardCharsets.UTF_8);
            List<String> subjects = new ArrayList<>();
            for (String line : citizenLines) {
                subjects.add(line.split(" ")[2]);
            }
            List<String> caseLines = cases(c, casesSchema, cases, year, subjects);
            Files.write(out.resolve("cases.txt"), caseLines, StandardCharsets.UTF_8);
            if (history > 0) {
                history(c, casesSchema, schemaOf(c, "PAYMENT_PAYMENT"), schemaOf(c, "SANDBOX_SESSION"), history,
                        year - 1, subjects);
            }
            c.commit();
            System.out.printf("SEED done citizens=%d cases=%d history=%d ms=%d%n", citizens, cases, history,
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException e) {
                // Derby answers a clean shutdown of one database with SQLState 08006
                if (!"08006".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    static List<String> citizens(Connection c, String schema, int n) throws SQLException {
        String hash, status, kind;
        long validFrom;
        try (PreparedStatement p = c.prepareStatement("SELECT PASSWORD_HASH, STATUS, KIND, TOKENS_VALID_FROM FROM "
                + schema + ".IDENTITY_ACCOUNT WHERE EMAIL = ?")) {
            p.setString(1, DEMO_CITIZEN);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no demo citizen " + DEMO_CITIZEN + " (was the platform started with AMTSGANG_DEMO=true?)");
                }
                hash = r.getString(1);
                status = r.getString(2);
                kind = r.getString(3);
                validFrom = r.getLong(4);
            }
        }
        long now = System.currentTimeMillis();
        List<String> lines = new ArrayList<>();
        int created = 0;
        try (PreparedStatement find = c.prepareStatement("SELECT ID FROM " + schema + ".IDENTITY_ACCOUNT WHERE EMAIL = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".IDENTITY_ACCOUNT (ID, EMAIL, KIND,"
                        + " DISPLAY_NAME, PASSWORD_HASH, STATUS, TRUST_LEVEL, TOTP_SECRET, TOTP_LAST_STEP,"
                        + " MUST_CHANGE_PASSWORD, TOKENS_VALID_FROM, CREATED_AT, UPDATED_AT, VERSION)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'HIGH', NULL, 0, FALSE, ?, ?, ?, 1)")) {
            for (int i = 0; i < n; i++) {
                String email = String.format("bench-citizen-%04d@example.org", i);
                String id;
                find.setString(1, email);
                try (ResultSet r = find.executeQuery()) {
                    id = r.next() ? r.getString(1) : null;
                }
                if (id == null) {
                    id = UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)).toString();
                    insert.setString(1, id);
                    insert.setString(2, email);
                    insert.setString(3, kind);
                    insert.setString(4, String.format("Bench Bürgerin %04d", i));
                    insert.setString(5, hash);
                    insert.setString(6, status);
                    insert.setLong(7, validFrom);
                    insert.setLong(8, now);
                    insert.setLong(9, now);
                    insert.addBatch();
                    created++;
                }
                lines.add(i + " " + email + " " + id);
            }
            insert.executeBatch();
        }
        System.out.printf("SEED citizens %d (%d new), schema %s%n", n, created, schema);
        return lines;
    }

    static List<String> cases(Connection c, String schema, int n, int year, List<String> subjects) throws SQLException {
        long now = System.currentTimeMillis();
        long before;
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + schema + ".CASES_CASE WHERE ID LIKE ?")) {
            p.setString(1, year + "-%");
            try (ResultSet r = p.executeQuery()) {
                r.next();
                before = r.getLong(1);
            }
        }
        List<String> lines = new ArrayList<>(n);
        String sql = "INSERT INTO " + schema + ".CASES_CASE (ID, SERVICE_ID, SERVICE_VERSION, OFFICE_ID, APPLICANT,"
                + " APPLICANT_NAME, APPLICANT_EMAIL, STATUS, FORM_DATA, CREATED_AT, SUBMITTED_AT, DUE_AT, ASSIGNEE,"
                + " FEE_CENTS, UPDATED_AT, VERSION) VALUES (?, ?, '1.0.0', ?, ?, ?, ?, 'AWAITING_PAYMENT', ?, ?, ?, ?, '', ?, ?, 1)";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int k = 0; k < n; k++) {
                long number = before + k;
                int ci = k % subjects.size();
                String id = id(year, number);
                // handed in during the last ten minutes, a second apart
                long submitted = now - 600_000L + (k % 600) * 1000L;
                insert.setString(1, id);
                insert.setString(2, SERVICE);
                insert.setString(3, OFFICE);
                insert.setString(4, subjects.get(ci));
                insert.setString(5, String.format("Bench Bürgerin %04d", ci));
                insert.setString(6, String.format("bench-citizen-%04d@example.org", ci));
                insert.setString(7, "{\"art\":\"einfach\",\"anzahl\":1,\"zweck\":\"Arbeitgeber\",\"zustellung\":\"download\"}");
                insert.setLong(8, submitted);
                insert.setLong(9, submitted);
                insert.setLong(10, dueAt(submitted, DEADLINE_DAYS));
                insert.setLong(11, FEE_CENTS);
                insert.setLong(12, submitted);
                insert.addBatch();
                if ((k + 1) % 1000 == 0) {
                    insert.executeBatch();
                }
                if ((k + 1) % 10_000 == 0) {
                    c.commit();
                }
                lines.add(id + " " + ci);
            }
            insert.executeBatch();
        }
        System.out.printf("SEED cases %d (ids %s...), %d of that year before, schema %s%n", n,
                lines.isEmpty() ? "-" : lines.get(0).split(" ")[0], before, schema);
        return lines;
    }

    /** Finished payments of the last two hours, each with its case and the sandbox's session. */
    static void history(Connection c, String casesSchema, String paySchema, String sandboxSchema, int n, int year,
            List<String> subjects) throws SQLException {
        long now = System.currentTimeMillis();
        List<String> caseIds = cases(c, casesSchema, n, year, subjects);
        try (PreparedStatement pay = c.prepareStatement("INSERT INTO " + paySchema + ".PAYMENT_PAYMENT (ID, CASE_ID,"
                        + " SERVICE_ID, OFFICE_ID, PAYER, AMOUNT_CENTS, REFUNDED_CENTS, PURPOSE, HAUSHALTSSTELLE, OBJEKTNUMMER,"
                        + " PROVIDER, PROVIDER_REF, NEXT_URL, METHOD, STATE, OPEN_CASE_ID, PAY_FIRST, IDEMPOTENCY_KEY,"
                        + " REQUEST_HASH, CREATED_AT, UPDATED_AT, FINISHED_AT, VERSION) VALUES (?, ?, ?, ?, ?, ?, 0, ?,"
                        + " '1.02.01.432100', 'MB-001', 'sandbox', ?, ?, 'card', ?, NULL, 1, ?, NULL, ?, ?, ?, 2)");
                PreparedStatement session = c.prepareStatement("INSERT INTO " + sandboxSchema + ".SANDBOX_SESSION"
                        + " (REFERENCE, PAYMENT_ID, AMOUNT_CENTS, PURPOSE, METHOD, RETURN_URL, OUTCOME, REFUNDED_CENTS,"
                        + " CREATED_AT, UPDATED_AT, VERSION) VALUES (?, ?, ?, ?, 'card', NULL, ?, 0, ?, ?, 2)")) {
            for (int k = 0; k < n; k++) {
                String[] f = caseIds.get(k).split(" ");
                String caseId = f[0];
                String payer = subjects.get(Integer.parseInt(f[1]));
                String id = "P" + id(year, k);
                String ref = "sbx_hist0000" + id(year, k).substring(5).replace("-", ""); // sbx_ and 20 characters
                String state = k % 3 == 2 ? "CANCELLED" : "FAILED";
                long created = now - 120 * 60_000L + (long) k * (90 * 60_000L) / n;
                long finished = created + 60_000L;
                String purpose = id + " " + caseId + " Meldebescheinigung";
                pay.setString(1, id);
                pay.setString(2, caseId);
                pay.setString(3, SERVICE);
                pay.setString(4, OFFICE);
                pay.setString(5, payer);
                pay.setLong(6, FEE_CENTS);
                pay.setString(7, purpose);
                pay.setString(8, ref);
                pay.setString(9, "http://localhost/sandbox-psp/sessions/" + ref);
                pay.setString(10, state);
                pay.setString(11, "history-" + k);
                pay.setLong(12, created);
                pay.setLong(13, finished);
                pay.setLong(14, finished);
                pay.addBatch();
                session.setString(1, ref);
                session.setString(2, id);
                session.setLong(3, FEE_CENTS);
                session.setString(4, purpose);
                session.setString(5, state);
                session.setLong(6, created);
                session.setLong(7, finished);
                session.addBatch();
                if ((k + 1) % 1000 == 0) {
                    pay.executeBatch();
                    session.executeBatch();
                }
            }
            pay.executeBatch();
            session.executeBatch();
        }
        System.out.printf("SEED history %d finished payments (FAILED, CANCELLED) of the last two hours%n", n);
    }

    /** The start of the day after submission day + deadline days, in Europe/Berlin (the platform's rule). */
    static long dueAt(long submitted, int days) {
        return Instant.ofEpochMilli(submitted).atZone(CITY).toLocalDate().plusDays(days + 1L)
                .atStartOfDay(CITY).toInstant().toEpochMilli();
    }

    static String id(int year, long n) {
        char[] digits = new char[12];
        long bits = n;
        for (int i = 11; i >= 0; i--) {
            digits[i] = B32[(int) (bits & 31)];
            bits >>>= 5;
        }
        StringBuilder b = new StringBuilder(19).append(year);
        for (int i = 0; i < 12; i++) {
            if (i % 4 == 0) {
                b.append('-');
            }
            b.append(digits[i]);
        }
        return b.toString();
    }

    static String schemaOf(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT s.SCHEMANAME FROM SYS.SYSTABLES t"
                + " JOIN SYS.SYSSCHEMAS s ON t.SCHEMAID = s.SCHEMAID WHERE t.TABLENAME = ?")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no table " + table + " in the database (has the platform started once?)");
                }
                return r.getString(1);
            }
        }
    }
}
