package jilin.ew.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jilin.ew.schema.Alert;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The board's users and roles, read from a JSON file (docs/board.md, "Users and roles"); passwords only as bcrypt
 * hashes, checked with Spring Security's BCrypt.
 */
public final class Users {
    /** What a user may see and do. */
    public enum Role {
        /** Every alert, every command. */
        PROVINCE,
        /** Its prefecture's alerts (a division includes its county-level cities, as the map shades them). */
        PREFECTURE,
        /** Alerts whose operatorId is its own. */
        OPERATOR,
        /** Every alert, read-only (plus rule sets and backtests, outside the board): no commands. */
        ANALYST
    }

    /** One user: name, role, the scope its role needs, the bcrypt hash of its password. */
    public record User(String name, Role role, String prefecture, String operatorId, String passwordHash) {
        /** Whether the user may send commands at all. */
        public boolean canCommand() {
            return role != Role.ANALYST;
        }

        /** Whether an alert is within the user's scope. */
        public boolean sees(Alert a, Geography geo) {
            switch (role) {
                case PROVINCE:
                case ANALYST:
                    return true;
                case PREFECTURE:
                    return a.prefecture != null
                            && (prefecture.equals(a.prefecture) || prefecture.equals(geo.division(a.prefecture)));
                case OPERATOR:
                    return operatorId.equals(a.operatorId);
                default:
                    return false;
            }
        }

        /** Whether a prefecture code lies within the user's scope (for a silence's prefecture matcher). */
        public boolean coversPrefecture(String code, Geography geo) {
            return role == Role.PROVINCE
                    || role == Role.PREFECTURE && (prefecture.equals(code) || prefecture.equals(geo.division(code)));
        }

        /** The scope in words, for the page: "province", "prefecture 220100", "operator OP-LY-01". */
        public String scope() {
            return role == Role.PREFECTURE ? "prefecture " + prefecture
                    : role == Role.OPERATOR ? "operator " + operatorId : role == Role.ANALYST ? "province, read-only"
                    : "province";
        }
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Set<String> FIELDS = Set.of("name", "role", "prefecture", "operatorId", "passwordHash");
    /** bcrypt reads at most 72 bytes of a password; a longer one would be silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;
    static final int COST = 12;
    /** Checked against when the name is unknown, so an unknown name takes as long as a wrong password. */
    private static final String DUMMY_HASH = BCrypt.hashpw("not a password", BCrypt.gensalt(COST));

    private final Map<String, User> byName;

    private Users(Map<String, User> byName) {
        this.byName = byName;
    }

    /** Users given in code (tests, the demo's generated user). */
    public static Users of(Collection<User> users) {
        Map<String, User> m = new LinkedHashMap<>();
        for (User u : users) {
            if (m.put(u.name(), u) != null) {
                throw new IllegalArgumentException("user '" + u.name() + "' given twice");
            }
        }
        return new Users(m);
    }

    /** Reads and checks a users file; IllegalArgumentException names the file, the user and what is wrong. */
    public static Users load(Path file, Geography geo) throws IOException {
        JsonNode root;
        try {
            root = AlertBoard.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("users file " + file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.path("users").isArray()) {
            throw new IllegalArgumentException("users file " + file + ": expected {\"users\": [...]}");
        }
        List<User> list = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root.get("users")) {
            list.add(parse(n, geo, file + ": users[" + i++ + "]"));
        }
        try {
            return of(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("users file " + file + ": " + e.getMessage(), e);
        }
    }

    static User parse(JsonNode n, Geography geo, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + ": a user must be an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "'; known: " + FIELDS);
            }
        }
        String name = n.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": 'name' must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        Role role;
        try {
            role = Role.valueOf(n.path("role").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (" + name + "): 'role' must be PROVINCE, PREFECTURE,"
                    + " OPERATOR or ANALYST");
        }
        String pref = n.hasNonNull("prefecture") ? n.get("prefecture").asText() : null;
        String op = n.hasNonNull("operatorId") ? n.get("operatorId").asText() : null;
        if (role == Role.PREFECTURE && (pref == null || !geo.isPrefecture(pref))) {
            throw new IllegalArgumentException(where + " (" + name + "): a PREFECTURE user needs 'prefecture', a"
                    + " code of the seeds (e.g. 220100)");
        }
        if (role == Role.OPERATOR && (op == null || op.isBlank())) {
            throw new IllegalArgumentException(where + " (" + name + "): an OPERATOR user needs 'operatorId'");
        }
        if (role != Role.PREFECTURE && pref != null || role != Role.OPERATOR && op != null) {
            throw new IllegalArgumentException(where + " (" + name + "): 'prefecture' is for PREFECTURE users and"
                    + " 'operatorId' for OPERATOR users only");
        }
        String hash = n.path("passwordHash").asText("");
        if (!isBcrypt(hash)) {
            throw new IllegalArgumentException(where + " (" + name + "): 'passwordHash' must be a bcrypt hash"
                    + " ($2a$/$2b$/$2y$...); make one with: early-warning users add");
        }
        return new User(name, role, pref, op, hash);
    }

    static boolean isBcrypt(String hash) {
        return hash.matches("\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}");
    }

    /** The user with this name and password, or null: an unknown name costs as much time as a wrong password. */
    public User check(String name, String password) {
        User u = name == null ? null : byName.get(name);
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return null;
        }
        boolean ok = BCrypt.checkpw(password, u == null ? DUMMY_HASH : u.passwordHash());
        return ok && u != null ? u : null;
    }

    public User get(String name) {
        return byName.get(name);
    }

    public Collection<User> all() {
        return byName.values();
    }

    /** A bcrypt hash of a password (cost 12); IllegalArgumentException if it is empty or over 72 bytes. */
    public static String hash(String password) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password must be 1 to " + MAX_PASSWORD_BYTES + " bytes (UTF-8);"
                    + " bcrypt ignores the rest");
        }
        return BCrypt.hashpw(password, BCrypt.gensalt(COST));
    }

    /**
     * Adds a user to a users file (or replaces the one of that name), creating the file if needed; written to a
     * temporary file and moved over the old one, so a crash never leaves half a file.
     */
    public static void addToFile(Path file, User user, Geography geo) throws IOException {
        ObjectNode root;
        if (Files.exists(file)) {
            load(file, geo); // refuse to rewrite a file that is already wrong
            root = (ObjectNode) AlertBoard.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } else {
            root = AlertBoard.JSON.createObjectNode();
            root.putArray("users");
        }
        ObjectNode n = AlertBoard.JSON.createObjectNode();
        n.put("name", user.name());
        n.put("role", user.role().name());
        if (user.prefecture() != null) {
            n.put("prefecture", user.prefecture());
        }
        if (user.operatorId() != null) {
            n.put("operatorId", user.operatorId());
        }
        n.put("passwordHash", user.passwordHash());
        parse(n, geo, "new user"); // the same checks as on load
        ArrayNode users = (ArrayNode) root.get("users");
        boolean replaced = false;
        for (int i = 0; i < users.size(); i++) {
            if (user.name().equals(users.get(i).path("name").asText())) {
                users.set(i, n);
                replaced = true;
            }
        }
        if (!replaced) {
            users.add(n);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, AlertBoard.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
