// Looks into a stopped Amtsgang distribution's embedded Derby database (part of
// benchmarks/cases/run.sh). Run as a single-file source program:
//
//   java -cp <derby jars> DbCheck.java <derby directory> crash <acknowledged file>
//       after the crash test: every acknowledged case (file: lines "<case id> <idempotency key>") must
//       be stored with its key; no (APPLICANT, IDEMPOTENCY_KEY) may have two cases; every case must
//       have its first history step (case, step and outbox entry are written in one transaction)
//
// Prints "CHECK key=value ..." lines for run.sh and a few readable ones. Exit code 0 when it could
// look (the verdicts are run.sh's), 1 when it could not.
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

public class DbCheck {

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !args[1].equals("crash")) {
            System.err.println("usage: DbCheck <derby directory> crash <acknowledged file>");
            System.exit(2);
        }
        String url = "jdbc:derby:" + args[0];
        try (Connection c = DriverManager.getConnection(url)) {
            String schema = schemaOf(c, "CASES_CASE");
            crash(c, schema, Path.of(args[2]));
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException e) {
                if (!"08006".equals(e.getSQLState())) {
                    System.err.println("shutdown: " + e);
                }
            }
        }
    }

    static void crash(Connection c, String schema, Path acknowledged) throws Exception {
        long cases = single(c, "SELECT COUNT(*) FROM " + schema + ".CASES_CASE");
        long withKey = single(c, "SELECT COUNT(*) FROM " + schema + ".CASES_CASE WHERE IDEMPOTENCY_KEY IS NOT NULL");
        long duplicateKeys = 0, surplus = 0;
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT APPLICANT, IDEMPOTENCY_KEY, COUNT(*) FROM " + schema
                        + ".CASES_CASE WHERE IDEMPOTENCY_KEY IS NOT NULL GROUP BY APPLICANT, IDEMPOTENCY_KEY"
                        + " HAVING COUNT(*) > 1")) {
            while (r.next()) {
                duplicateKeys++;
                surplus += r.getLong(3) - 1;
                if (duplicateKeys <= 5) {
                    System.out.println("duplicate key: " + r.getString(1) + " " + r.getString(2) + " x" + r.getLong(3));
                }
            }
        }
        // the same key across applicants is allowed, but worth a look: the client never does that
        long keyAcrossApplicants = single(c, "SELECT COUNT(*) FROM (SELECT IDEMPOTENCY_KEY FROM " + schema
                + ".CASES_CASE WHERE IDEMPOTENCY_KEY IS NOT NULL GROUP BY IDEMPOTENCY_KEY HAVING COUNT(*) > 1) t");
        long withoutFirstStep = single(c, "SELECT COUNT(*) FROM " + schema + ".CASES_CASE k WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + schema + ".CASES_HISTORY h WHERE h.CASE_ID = k.ID AND h.CASE_VERSION = 1)");
        long outbox = single(c, "SELECT COUNT(*) FROM " + schema + ".CASES_OUTBOX");
        long outboxOrphans = single(c, "SELECT COUNT(*) FROM " + schema + ".CASES_OUTBOX o WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + schema + ".CASES_CASE k WHERE k.ID = o.CASE_ID)");

        List<String> lines = Files.readAllLines(acknowledged);
        long acked = 0, found = 0, keyMismatch = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT IDEMPOTENCY_KEY FROM " + schema + ".CASES_CASE WHERE ID = ?")) {
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                acked++;
                p.setString(1, f[0]);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        found++;
                        if (!f[1].equals(r.getString(1))) {
                            keyMismatch++;
                            if (keyMismatch <= 5) {
                                System.out.println("key mismatch: case " + f[0] + " has " + r.getString(1) + ", answered for " + f[1]);
                            }
                        }
                    } else if (acked - found <= 5) {
                        System.out.println("missing: acknowledged case " + f[0] + " (key " + f[1] + ") is not in the database");
                    }
                }
            }
        }
        System.out.printf(
                "CHECK cases=%d with_key=%d duplicate_keys=%d surplus_cases=%d key_across_applicants=%d without_first_step=%d"
                        + " outbox=%d outbox_orphans=%d acked=%d acked_found=%d acked_missing=%d key_mismatch=%d%n",
                cases, withKey, duplicateKeys, surplus, keyAcrossApplicants, withoutFirstStep, outbox, outboxOrphans,
                acked, found, acked - found, keyMismatch);
    }

    static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static String schemaOf(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT s.SCHEMANAME FROM SYS.SYSTABLES t"
                + " JOIN SYS.SYSSCHEMAS s ON t.SCHEMAID = s.SCHEMAID WHERE t.TABLENAME = ?")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no table " + table + " in the database");
                }
                return r.getString(1);
            }
        }
    }
}
