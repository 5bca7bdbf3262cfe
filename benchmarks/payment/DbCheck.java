// Looks into a stopped Amtsgang distribution's embedded Derby database after the payment benchmark's
// parts (benchmarks/payment/run.sh). Run as a single-file source program:
//
//   java -cp <derby jars> DbCheck.java <derby directory> callback <payments file>
//       every payment of the file (lines "<case id> <payment id> ...") must be SUCCEEDED with
//       exactly one booking; and over the whole database: no payment and no case booked twice
//   java -cp <derby jars> DbCheck.java <derby directory> chaos <payments file>
//       every payment's state against the sandbox's truth (SANDBOX_SESSION, joined by payment id):
//       SUCCEEDED~SUCCEEDED, FAILED~FAILED, CANCELLED~CANCELLED, CREATED/STARTED/AUTHORISED~OPEN;
//       bookings per payment at most one and exactly one for SUCCEEDED; no case paid twice; no forged
//       notification (event id f0f0f0f0-...) applied; every payment the client was answered for is
//       stored (the file: "<case id> <payment id> ...")
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public class DbCheck {

    static String P;
    static String S;
    static String C;

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !(args[1].equals("callback") || args[1].equals("chaos"))) {
            System.err.println("usage: DbCheck <derby directory> callback|chaos <payments file>");
            System.exit(2);
        }
        String url = "jdbc:derby:" + args[0];
        try (Connection c = DriverManager.getConnection(url)) {
            P = schemaOf(c, "PAYMENT_PAYMENT") + ".";
            C = schemaOf(c, "CASES_CASE") + ".";
            if (args[1].equals("callback")) {
                callback(c, ids(Path.of(args[2])));
            } else {
                S = schemaOf(c, "SANDBOX_SESSION") + ".";
                chaos(c, ids(Path.of(args[2])));
            }
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

    /** Payment id to case id, from "<case id> <payment id> ..." lines. */
    static Map<String, String> ids(Path file) throws Exception {
        Map<String, String> ids = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[1].startsWith("P")) {
                ids.put(f[1], f[0]);
            }
        }
        return ids;
    }

    /** Payment id to {state, amount, case id}, read in one scan. */
    static Map<String, String[]> payments(Connection c) throws SQLException {
        Map<String, String[]> m = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT ID, STATE, AMOUNT_CENTS, CASE_ID FROM " + P + "PAYMENT_PAYMENT")) {
            while (r.next()) {
                m.put(r.getString(1), new String[] {r.getString(2), Long.toString(r.getLong(3)), r.getString(4)});
            }
        }
        return m;
    }

    /** Payment id to its bookings of money in: {count, cents}, read in one scan (no index by payment). */
    static Map<String, long[]> bookingsIn(Connection c) throws SQLException {
        Map<String, long[]> m = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery(
                        "SELECT PAYMENT_ID, AMOUNT_CENTS FROM " + P + "PAYMENT_BOOKING WHERE AMOUNT_CENTS > 0")) {
            while (r.next()) {
                long[] b = m.computeIfAbsent(r.getString(1), k -> new long[2]);
                b[0]++;
                b[1] += r.getLong(2);
            }
        }
        return m;
    }

    /**
     * The checks of both parts that look at the whole database: what was booked. Computed in memory
     * from one scan of each table: correlated subqueries over unindexed columns take Derby minutes.
     */
    static Map<String, Long> bookings(Connection c) throws SQLException {
        Map<String, String[]> payments = payments(c);
        Map<String, long[]> booked = bookingsIn(c);
        Map<String, Long> m = new TreeMap<>();
        m.put("payments", (long) payments.size());
        m.put("bookings_in", booked.values().stream().mapToLong(b -> b[0]).sum());
        m.put("booked_cents", booked.values().stream().mapToLong(b -> b[1]).sum());
        m.put("payments_booked_twice", booked.values().stream().filter(b -> b[0] > 1).count());
        Map<String, Long> bookedPerCase = new HashMap<>();
        Map<String, Long> paidPerCase = new HashMap<>();
        long succeededWithout = 0, bookedNotSucceeded = 0, amountDiffers = 0;
        for (Map.Entry<String, String[]> p : payments.entrySet()) {
            long[] b = booked.get(p.getKey());
            boolean succeeded = p.getValue()[0].equals("SUCCEEDED");
            if (succeeded) {
                paidPerCase.merge(p.getValue()[2], 1L, Long::sum);
            }
            if (b == null) {
                succeededWithout += succeeded ? 1 : 0;
                continue;
            }
            bookedPerCase.merge(p.getValue()[2], b[0], Long::sum);
            bookedNotSucceeded += succeeded ? 0 : 1;
            amountDiffers += b[1] != b[0] * Long.parseLong(p.getValue()[1]) ? 1 : 0;
        }
        m.put("cases_booked_twice", bookedPerCase.values().stream().filter(n -> n > 1).count());
        m.put("cases_paid_twice", paidPerCase.values().stream().filter(n -> n > 1).count());
        m.put("succeeded_without_booking", succeededWithout);
        m.put("booked_not_succeeded", bookedNotSucceeded);
        m.put("booking_amount_differs", amountDiffers);
        m.put("notifications", single(c, "SELECT COUNT(*) FROM " + P + "PAYMENT_NOTIFICATION"));
        m.put("case_todo_left", single(c, "SELECT COUNT(*) FROM " + P + "PAYMENT_CASE_TODO"));
        // a paid fee lets the case's review start: cases still waiting although their fee is paid
        long stillAwaiting = 0;
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT ID FROM " + C + "CASES_CASE WHERE STATUS = 'AWAITING_PAYMENT'")) {
            while (r.next()) {
                stillAwaiting += paidPerCase.containsKey(r.getString(1)) ? 1 : 0;
            }
        }
        m.put("paid_cases_still_awaiting", stillAwaiting);
        m.put("forged_applied", single(c, "SELECT COUNT(*) FROM " + P + "PAYMENT_NOTIFICATION WHERE ID LIKE 'sandbox:f0f0f0f0-%'"));
        return m;
    }

    static void callback(Connection c, Map<String, String> listed) throws Exception {
        long found = 0, succeeded = 0, oneBooking = 0, noBooking = 0, more = 0;
        Map<String, Long> states = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        Map<String, String[]> payments = payments(c);
        Map<String, long[]> booked = bookingsIn(c);
        for (String id : listed.keySet()) {
            String[] p = payments.get(id);
            if (p == null) {
                if (examples.size() < 5) {
                    examples.add("missing: " + id);
                }
                continue;
            }
            found++;
            String state = p[0];
            long b = booked.containsKey(id) ? booked.get(id)[0] : 0;
            states.merge(state, 1L, Long::sum);
            if (state.equals("SUCCEEDED")) {
                succeeded++;
            } else if (examples.size() < 5) {
                examples.add(id + " is " + state);
            }
            if (b == 1) {
                oneBooking++;
            } else if (b == 0) {
                noBooking++;
            } else {
                more++;
                if (examples.size() < 5) {
                    examples.add(id + " has " + b + " bookings");
                }
            }
        }
        Map<String, Long> all = bookings(c);
        long inReview = single(c, "SELECT COUNT(*) FROM " + C + "CASES_CASE WHERE STATUS = 'IN_REVIEW'");
        examples.forEach(e -> System.out.println("  " + e));
        System.out.printf("CHECK listed=%d found=%d succeeded=%d one_booking=%d no_booking=%d more_bookings=%d"
                        + " cases_in_review=%d states=%s %s%n",
                listed.size(), found, succeeded, oneBooking, noBooking, more, inReview, compact(states), kv(all));
    }

    static void chaos(Connection c, Map<String, String> acknowledged) throws Exception {
        Map<String, Long> pairs = new TreeMap<>();
        long payments = 0, agree = 0, differ = 0, withoutSession = 0;
        List<String> mismatches = new ArrayList<>();
        Set<String> stored = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT p.ID, p.STATE, s.OUTCOME, p.CASE_ID, (SELECT COUNT(*) FROM " + P
                        + "PAYMENT_BOOKING b WHERE b.PAYMENT_ID = p.ID AND b.AMOUNT_CENTS > 0) FROM " + P
                        + "PAYMENT_PAYMENT p LEFT JOIN " + S + "SANDBOX_SESSION s ON s.PAYMENT_ID = p.ID ORDER BY p.CREATED_AT")) {
            while (r.next()) {
                payments++;
                String id = r.getString(1), state = r.getString(2), truth = r.getString(3);
                stored.add(id);
                pairs.merge(state + "~" + (truth == null ? "none" : truth), 1L, Long::sum);
                if (truth == null) {
                    withoutSession++;
                }
                if (matches(state, truth)) {
                    agree++;
                } else {
                    differ++;
                    if (mismatches.size() < 10) {
                        mismatches.add("mismatch: " + id + " (case " + r.getString(4) + ") is " + state + ", the provider says "
                                + truth + "; bookings " + r.getLong(5) + "; events: " + events(c, id));
                    }
                }
            }
        }
        long orphanSessions = single(c, "SELECT COUNT(*) FROM " + S + "SANDBOX_SESSION s WHERE NOT EXISTS (SELECT 1 FROM " + P
                + "PAYMENT_PAYMENT p WHERE p.ID = s.PAYMENT_ID)");
        long truthPaid = single(c, "SELECT COUNT(*) FROM " + S + "SANDBOX_SESSION WHERE OUTCOME = 'SUCCEEDED'");
        long sessions = single(c, "SELECT COUNT(*) FROM " + S + "SANDBOX_SESSION");
        long reconciledChanges = single(c, "SELECT COUNT(*) FROM " + P + "PAYMENT_EVENT WHERE TYPE = 'RECONCILED' AND FROM_STATE <> TO_STATE");
        long reconciledPayments = single(c, "SELECT COUNT(DISTINCT PAYMENT_ID) FROM " + P
                + "PAYMENT_EVENT WHERE TYPE = 'RECONCILED' AND FROM_STATE <> TO_STATE");
        long notifiedChanges = single(c, "SELECT COUNT(*) FROM " + P + "PAYMENT_EVENT WHERE TYPE = 'NOTIFIED' AND FROM_STATE <> TO_STATE");
        long notifiedIgnored = single(c, "SELECT COUNT(*) FROM " + P + "PAYMENT_EVENT WHERE TYPE = 'NOTIFIED' AND FROM_STATE = TO_STATE");
        long successAfterFailure = single(c, "SELECT COUNT(*) FROM " + P + "PAYMENT_EVENT WHERE TO_STATE = 'SUCCEEDED'"
                + " AND FROM_STATE IN ('FAILED', 'CANCELLED', 'EXPIRED')");
        long ackMissing = 0;
        for (String id : acknowledged.keySet()) {
            if (!stored.contains(id)) {
                ackMissing++;
                if (ackMissing <= 5) {
                    mismatches.add("missing: payment " + id + " (case " + acknowledged.get(id) + ") was answered 201/200 but is not stored");
                }
            }
        }
        Map<String, Long> all = bookings(c);
        mismatches.forEach(m -> System.out.println("  " + m));
        System.out.printf("CHECK payments=%d agree=%d differ=%d without_session=%d sessions=%d orphan_sessions=%d"
                        + " truth_succeeded=%d acknowledged=%d acknowledged_missing=%d reconciled_changes=%d"
                        + " reconciled_payments=%d notified_changes=%d notified_ignored=%d success_after_failure=%d %s%n",
                payments, agree, differ, withoutSession, sessions, orphanSessions, truthPaid, acknowledged.size(),
                ackMissing, reconciledChanges, reconciledPayments, notifiedChanges, notifiedIgnored, successAfterFailure, kv(all));
        System.out.println("PAIRS " + compact(pairs));
    }

    static boolean matches(String state, String truth) {
        if (truth == null) {
            return false;
        }
        return switch (truth) {
            case "SUCCEEDED" -> state.equals("SUCCEEDED");
            case "FAILED" -> state.equals("FAILED");
            case "CANCELLED" -> state.equals("CANCELLED");
            case "OPEN" -> state.equals("CREATED") || state.equals("STARTED") || state.equals("AUTHORISED");
            default -> false;
        };
    }

    static String events(Connection c, String paymentId) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (PreparedStatement p = c.prepareStatement("SELECT TYPE, FROM_STATE, TO_STATE, DETAIL FROM " + P
                + "PAYMENT_EVENT WHERE PAYMENT_ID = ? ORDER BY AT_MILLIS, ID")) {
            p.setString(1, paymentId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String detail = r.getString(4) == null ? "" : r.getString(4);
                    b.append(b.length() == 0 ? "" : " | ").append(r.getString(1)).append(' ').append(r.getString(2))
                            .append("->").append(r.getString(3))
                            .append(detail.contains("changed nothing") ? " (" + detail.replaceAll(".*changed nothing: ", "") + ")" : "");
                }
            }
        }
        return b.toString();
    }

    static String compact(Map<String, Long> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append(':').append(v));
        return b.length() == 0 ? "-" : b.toString();
    }

    static String kv(Map<String, Long> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
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
