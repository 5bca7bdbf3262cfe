// Seeds CASES_CASE of a stopped Amtsgang distribution's embedded Derby database with synthetic cases
// for the inbox benchmark (part of benchmarks/cases/run.sh). Run as a single-file source program:
//
//   java -cp <derby jars> Seed.java <derby directory> <rows> <staff subject> [now-millis]
//
// The platform must be stopped: embedded Derby lets one JVM open the database. The table must exist
// (the platform creates it on its first start). Only CASES_CASE gets rows: the inbox reads nothing
// else. Everything is deterministic (fixed random seed) except "now", so that runs are comparable.
//
// The cases, created one after the other over the last two years (evenly, inserted in that order):
//   offices:  steueramt 45 %, buergeramt 45 %, ordnungsamt, standesamt, bauaufsicht,
//             strassenverkehrsamt 2.5 % each
//   services: per office 75 % its catalogue service (steueramt-hundesteuer-anmeldung, 30 days;
//             buergeramt-meldebescheinigung, 3 days), 25 % a second, synthetic one (14 days);
//             the other offices one synthetic service each (14 days)
//   status:   3 % drafts; cases younger than their deadline mostly open (SUBMITTED, IN_REVIEW,
//             NEEDS_INFO, AWAITING_PAYMENT), older ones mostly finished (CLOSED, APPROVED, REJECTED,
//             WITHDRAWN) - still open with 10 % (up to 180 days old) or 2 % (older): those are overdue
//   assignee: '' for drafts, SUBMITTED and AWAITING_PAYMENT; otherwise one of 8 members of the
//             office, the first of steueramt being the real caseworker's subject (argument 3)
//   due date: as the platform computes it (Views.dueAt): the start of the day after submission day +
//             deadline days, in Europe/Berlin
// Ids have the platform's shape (year-XXXX-XXXX-XXXX, Crockford base 32) with the years 2024/2025 and
// a counter, so they cannot meet the random 2026 ids the platform gives new cases.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;

public class Seed {

    static final ZoneId CITY = ZoneId.of("Europe/Berlin");
    static final long DAY = 86_400_000L;
    static final char[] B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final String[] OTHER_OFFICES = {"ordnungsamt", "standesamt", "bauaufsicht", "strassenverkehrsamt"};
    static final int STAFF_PER_OFFICE = 8;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Seed <derby directory> <rows> <steueramt staff subject> [now-millis]");
            System.exit(2);
        }
        String dir = args[0];
        int rows = Integer.parseInt(args[1]);
        String staff = args[2];
        long now = args.length > 3 ? Long.parseLong(args[3]) : System.currentTimeMillis();
        String url = "jdbc:derby:" + dir;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            String schema = schemaOf(c, "CASES_CASE");
            long before = count(c, schema);
            System.out.printf("SEED schema %s, %d cases before seeding; seeding %,d%n", schema, before, rows);
            c.setAutoCommit(false);
            String sql = "INSERT INTO " + schema + ".CASES_CASE (ID, SERVICE_ID, SERVICE_VERSION, OFFICE_ID,"
                    + " APPLICANT, APPLICANT_NAME, APPLICANT_EMAIL, STATUS, FORM_DATA, CREATED_AT, SUBMITTED_AT,"
                    + " DUE_AT, ASSIGNEE, DECISION_KIND, DECISION_REASON, DECIDED_BY, DECIDED_AT, CONFIRMED_BY,"
                    + " CONFIRMED_AT, FEE_CENTS, IDEMPOTENCY_KEY, REQUEST_HASH, UPDATED_AT, VERSION)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            SplittableRandom random = new SplittableRandom(20261127L);
            int[] byStatus = new int[9];
            String[] statusNames = {"DRAFT", "SUBMITTED", "AWAITING_PAYMENT", "IN_REVIEW", "NEEDS_INFO",
                "APPROVED", "REJECTED", "WITHDRAWN", "CLOSED"};
            long mine = 0, mineOpen = 0, overdue = 0, steuerOpen = 0;
            // An empty table takes the rows by Derby's import, which builds the indexes by sorting (a bulk
            // insert: minutes faster for a million rows); a table with rows gets JDBC batches.
            boolean bulk = before == 0 && !"insert".equals(System.getProperty("seed.mode"));
            System.out.println("SEED method " + (bulk ? "SYSCS_UTIL.SYSCS_IMPORT_DATA into the empty table (bulk insert)"
                    : "JDBC batch inserts, commit every 10,000 rows"));
            try (Sink sink = bulk ? new CsvImport(c, schema, csvFile(dir)) : new BatchInsert(c, sql)) {
                for (int n = 0; n < rows; n++) {
                    // office and service
                    double o = random.nextDouble();
                    String office, service;
                    int deadline;
                    boolean second = random.nextDouble() < 0.25;
                    if (o < 0.45) {
                        office = "steueramt";
                        service = second ? "steueramt-zweitwohnungsteuer-seed" : "steueramt-hundesteuer-anmeldung";
                        deadline = second ? 14 : 30;
                    } else if (o < 0.90) {
                        office = "buergeramt";
                        service = second ? "buergeramt-anwohnerparken-seed" : "buergeramt-meldebescheinigung";
                        deadline = second ? 14 : 3;
                    } else {
                        office = OTHER_OFFICES[(int) ((o - 0.90) / 0.025) % OTHER_OFFICES.length];
                        service = office + "-antrag-seed";
                        deadline = 14;
                    }
                    // times and status
                    // in order of creation, as the platform's table fills up: rows near in time are near on disk
                    long created = now - 730 * DAY + (long) ((n + random.nextDouble()) * (730.0 * DAY / rows));
                    long ageDays = (now - created) / DAY;
                    String status;
                    double s = random.nextDouble();
                    if (random.nextDouble() < 0.03) {
                        status = "DRAFT";
                    } else if (ageDays < deadline) {
                        status = s < 0.45 ? "SUBMITTED" : s < 0.80 ? "IN_REVIEW" : s < 0.90 ? "NEEDS_INFO"
                                : s < 0.92 ? "AWAITING_PAYMENT" : s < 0.98 ? "APPROVED" : s < 0.99 ? "REJECTED" : "WITHDRAWN";
                    } else {
                        double open = ageDays <= 180 ? 0.10 : 0.02;
                        if (random.nextDouble() < open) {
                            status = s < 0.40 ? "SUBMITTED" : s < 0.80 ? "IN_REVIEW" : "NEEDS_INFO";
                        } else {
                            status = s < 0.60 ? "CLOSED" : s < 0.85 ? "APPROVED" : s < 0.93 ? "REJECTED" : "WITHDRAWN";
                        }
                    }
                    Long submitted = null, due = null;
                    if (!status.equals("DRAFT")) {
                        submitted = Math.min(now, created + (long) (random.nextDouble() * 2 * 3_600_000L));
                        due = dueAt(submitted, deadline);
                    }
                    String assignee = "";
                    boolean assigned = switch (status) {
                        case "DRAFT", "SUBMITTED", "AWAITING_PAYMENT" -> false;
                        case "WITHDRAWN" -> random.nextBoolean();
                        default -> true;
                    };
                    if (assigned) {
                        int who = random.nextInt(STAFF_PER_OFFICE);
                        assignee = office.equals("steueramt") && who == 0 ? staff : "seed-" + office + "-staff-" + who;
                    }
                    String kind = null, reason = null, decidedBy = null;
                    Long decidedAt = null;
                    boolean decided = status.equals("APPROVED") || status.equals("REJECTED")
                            || (status.equals("CLOSED") && random.nextDouble() < 0.9);
                    if (decided) {
                        boolean approve = status.equals("APPROVED") || (status.equals("CLOSED") && random.nextDouble() < 0.85);
                        kind = approve ? "APPROVE" : "REJECT";
                        reason = approve ? "Alle Angaben vollständig." : "Die Voraussetzungen liegen nicht vor.";
                        decidedBy = assignee.isEmpty() ? "seed-" + office + "-staff-0" : assignee;
                        decidedAt = Math.min(now, submitted + (long) (random.nextDouble() * deadline * 1.5 * DAY) + 60_000L);
                    }
                    long version = switch (status) {
                        case "DRAFT", "SUBMITTED", "AWAITING_PAYMENT" -> 1;
                        case "IN_REVIEW", "WITHDRAWN" -> 2;
                        case "NEEDS_INFO", "APPROVED", "REJECTED" -> 3;
                        default -> 4;
                    };
                    long updated = Math.max(created, decidedAt == null ? (submitted == null ? created : submitted) : decidedAt);
                    if (version > 1 && decidedAt == null) {
                        updated = Math.min(now, updated + (long) (random.nextDouble() * 5 * DAY));
                    }
                    int applicant = random.nextInt(250_000);

                    Object[] row = {
                        id(created, n), service, "1.0.0", office, "seed-applicant-" + applicant,
                        "Antragsteller " + applicant, "antragsteller" + applicant + "@example.org", status,
                        form(service, random), created, submitted, due, assignee, kind, reason, decidedBy, decidedAt,
                        null, null, service.startsWith("buergeramt") ? 1300L : 0L,
                        // most clients send a key; a few did not (NULL: the unique constraint allows many)
                        random.nextDouble() < 0.9 ? "seed-key-" + n : null, null, updated, version
                    };
                    sink.add(row);

                    for (int k = 0; k < statusNames.length; k++) {
                        if (statusNames[k].equals(status)) {
                            byStatus[k]++;
                        }
                    }
                    boolean open = status.equals("SUBMITTED") || status.equals("IN_REVIEW")
                            || status.equals("NEEDS_INFO") || status.equals("AWAITING_PAYMENT");
                    if (assignee.equals(staff)) {
                        mine++;
                        if (open) {
                            mineOpen++;
                        }
                    }
                    if (open && due != null && due < now) {
                        overdue++;
                    }
                    if (office.equals("steueramt") && (status.equals("SUBMITTED") || status.equals("IN_REVIEW"))) {
                        steuerOpen++;
                    }
                    if ((n + 1) % 100_000 == 0) {
                        double secs = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("SEED progress %,d of %,d rows %s, %.0f s, %.0f rows/s%n",
                                n + 1, rows, bulk ? "written to the file" : "inserted", secs, (n + 1) / secs);
                        System.out.flush();
                    }
                }
                sink.finish();
            }
            double insertSecs = (System.nanoTime() - t0) / 1e9;
            // What the platform's Derby would gather by itself in the background sooner or later
            // (derby.storage.indexStats.auto): the optimizer's view of a table that has grown.
            long s0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('" + schema + "', 'CASES_CASE', NULL)");
            }
            c.commit();
            double statsSecs = (System.nanoTime() - s0) / 1e9;
            long after = count(c, schema);
            StringBuilder dist = new StringBuilder();
            for (int k = 0; k < statusNames.length; k++) {
                dist.append(' ').append(statusNames[k]).append('=').append(byStatus[k]);
            }
            System.out.printf(
                    "SEED done rows=%d before=%d after=%d insert_s=%.1f stats_s=%.1f mine=%d mine_open=%d overdue=%d steueramt_submitted_in_review=%d%n",
                    rows, before, after, insertSecs, statsSecs, mine, mineOpen, overdue, steuerOpen);
            System.out.println("SEED statuses" + dist);
            c.commit();
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException e) {
            // Derby answers a clean shutdown of one database with SQLState 08006
            if (!"08006".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    static final String[] COLUMNS = {"ID", "SERVICE_ID", "SERVICE_VERSION", "OFFICE_ID", "APPLICANT",
        "APPLICANT_NAME", "APPLICANT_EMAIL", "STATUS", "FORM_DATA", "CREATED_AT", "SUBMITTED_AT", "DUE_AT",
        "ASSIGNEE", "DECISION_KIND", "DECISION_REASON", "DECIDED_BY", "DECIDED_AT", "CONFIRMED_BY",
        "CONFIRMED_AT", "FEE_CENTS", "IDEMPOTENCY_KEY", "REQUEST_HASH", "UPDATED_AT", "VERSION"};

    interface Sink extends AutoCloseable {
        void add(Object[] row) throws Exception;

        void finish() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** JDBC batches of 1,000, a commit every 10,000 rows. */
    static final class BatchInsert implements Sink {
        final Connection c;
        final PreparedStatement insert;
        int n;

        BatchInsert(Connection c, String sql) throws SQLException {
            this.c = c;
            this.insert = c.prepareStatement(sql);
        }

        public void add(Object[] row) throws SQLException {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    insert.setNull(i + 1, i == 16 || i == 18 || i == 10 || i == 11 ? Types.BIGINT : Types.VARCHAR);
                } else if (v instanceof Long l) {
                    insert.setLong(i + 1, l);
                } else {
                    insert.setString(i + 1, (String) v);
                }
            }
            insert.addBatch();
            if (++n % 1000 == 0) {
                insert.executeBatch();
            }
            if (n % 10_000 == 0) {
                c.commit();
            }
        }

        public void finish() throws SQLException {
            insert.executeBatch();
            c.commit();
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    /** A CSV file, then one SYSCS_UTIL.SYSCS_IMPORT_DATA call. */
    static final class CsvImport implements Sink {
        final Connection c;
        final String schema;
        final java.nio.file.Path file;
        final java.io.Writer out;
        int n;

        CsvImport(Connection c, String schema, java.nio.file.Path file) throws java.io.IOException {
            this.c = c;
            this.schema = schema;
            this.file = file;
            this.out = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8);
        }

        public void add(Object[] row) throws java.io.IOException {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object v = row[i];
                if (v instanceof Long l) {
                    out.write(Long.toString(l));
                } else if (v != null) { // nothing between the commas is NULL; "" is the empty string
                    out.write('"');
                    out.write(((String) v).replace("\"", "\"\""));
                    out.write('"');
                }
            }
            out.write('\n');
            n++;
        }

        public void finish() throws Exception {
            out.close();
            System.out.printf("SEED wrote %,d rows to %s (%,d MB); importing (Derby reports no progress)%n",
                    n, file, java.nio.file.Files.size(file) >> 20);
            System.out.flush();
            try (java.sql.CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(?, ?, ?, NULL, ?, NULL, NULL, 'UTF-8', 0)")) {
                call.setString(1, schema);
                call.setString(2, "CASES_CASE");
                call.setString(3, String.join(",", COLUMNS));
                call.setString(4, file.toString());
                call.execute();
            }
            c.commit();
            java.nio.file.Files.deleteIfExists(file);
        }

        @Override
        public void close() throws java.io.IOException {
            out.close();
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    static java.nio.file.Path csvFile(String derbyDir) {
        return java.nio.file.Path.of(derbyDir).toAbsolutePath().getParent().resolve("seed-cases.csv");
    }

    static long dueAt(long submitted, int days) {
        return Instant.ofEpochMilli(submitted).atZone(CITY).toLocalDate().plusDays(days + 1L)
                .atStartOfDay(CITY).toInstant().toEpochMilli();
    }

    static String id(long created, long n) {
        int year = Instant.ofEpochMilli(created).atZone(CITY).getYear() < 2025 ? 2024 : 2025;
        // most significant character first: the counter's ids come in key order (cheap inserts)
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

    static final String[] NAMES = {"Bello", "Luna", "Rex", "Mia", "Balu", "Emma", "Rocky", "Kira"};
    static final String[] BREEDS = {"Dackel", "Labrador", "Pudel", "Mischling", "Beagle", "Boxer"};

    static String form(String service, SplittableRandom r) {
        if (service.equals("steueramt-hundesteuer-anmeldung")) {
            return "{\"hund\":{\"name\":\"" + NAMES[r.nextInt(NAMES.length)] + "\",\"rasse\":\""
                    + BREEDS[r.nextInt(BREEDS.length)] + "\",\"geburtsjahr\":" + (2012 + r.nextInt(14))
                    + "},\"haltungSeit\":\"2025-0" + (1 + r.nextInt(9)) + "-01\"}";
        }
        if (service.equals("buergeramt-meldebescheinigung")) {
            return "{\"art\":\"einfach\",\"anzahl\":" + (1 + r.nextInt(3)) + ",\"zweck\":\"Arbeitgeber\"}";
        }
        return "{\"angaben\":\"synthetischer Antrag " + r.nextInt(1_000_000) + "\"}";
    }

    static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, v);
        }
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

    static long count(Connection c, String schema) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT COUNT(*) FROM " + schema + ".CASES_CASE")) {
            r.next();
            return r.getLong(1);
        }
    }
}
