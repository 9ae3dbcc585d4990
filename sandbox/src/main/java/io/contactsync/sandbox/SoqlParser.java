package io.contactsync.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.sandbox.SalesforceField.Type;
import io.contactsync.sandbox.SoqlQuery.Condition;
import io.contactsync.sandbox.SoqlQuery.FieldRef;

/**
 * Reads the SOQL subset the simulator serves:
 * <pre>
 * SELECT field, Relationship.field, ... | COUNT()
 * FROM Lead | Contact | Account | Campaign | CampaignMember | User
 * [WHERE condition]    -- =, !=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=, [NOT] IN (...), LIKE, AND, OR, NOT, ( )
 * [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], ...]
 * [LIMIT n] [OFFSET n]
 * </pre>
 * Literals: {@code 'text'} (backslash escapes), numbers, {@code true}/{@code false}/{@code null}, dates
 * {@code 2026-12-01} and datetimes {@code 2026-12-01T10:00:00Z} / {@code 2026-12-01T10:00:00.000+0000} /
 * {@code ...+01:00}, unquoted as SOQL wants them. As in SOQL, AND and OR cannot be mixed without parentheses, keywords
 * and names are case-insensitive, and a literal must fit its field's type.
 *
 * <p>Errors are Salesforce's: {@code MALFORMED_QUERY} (syntax), {@code INVALID_TYPE} (object), {@code INVALID_FIELD}
 * (field or relationship), {@code INVALID_QUERY_FILTER_OPERATOR} (literal of the wrong type, malformed id), each
 * message starting with the query line, a caret and {@code ERROR at Row:r:Column:c}. SOQL the sandbox does not
 * implement (aggregates, GROUP BY, sub-queries, semi-joins, date literals such as {@code LAST_N_DAYS:7}, TYPEOF,
 * FIELDS(), FOR UPDATE, WITH) is a {@code MALFORMED_QUERY} saying "not supported by the sandbox" so a test failure
 * names the simulator's gap, not the client's.
 */
final class SoqlParser {

    private static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "TRUE", "FALSE", "NULL",
            "GROUP", "HAVING", "FOR", "WITH", "USING", "TYPEOF", "INCLUDES", "EXCLUDES");
    private static final Set<String> UNSUPPORTED_CLAUSES = Set.of("GROUP", "HAVING", "FOR", "WITH", "USING", "TYPEOF");
    private static final Set<String> USER_RELATIONSHIPS = Set.of("owner", "createdby", "lastmodifiedby");
    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern DATE_LITERAL = Pattern.compile(
            "(?i)TODAY|YESTERDAY|TOMORROW|(LAST|THIS|NEXT|N)_[A-Z0-9_]+(:\\d+)?");
    private static final String NOT_SUPPORTED = " (not supported by the sandbox's Salesforce simulator)";

    private enum Kind { WORD, STRING, NUMBER, DATE, DATETIME, OPERATOR, LPAREN, RPAREN, COMMA, EOF }

    private record Token(Kind kind, String text, Object value, int position) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private final String soql;
    private final SalesforceSchema schema;
    private final List<Token> tokens;
    private int next;
    private SalesforceSObject from;

    private SoqlParser(String soql, SalesforceSchema schema) {
        this.soql = soql;
        this.schema = schema;
        this.tokens = tokenize();
    }

    /** Parses a query against the org's schema; a Salesforce 400 error when it is not valid. */
    static SoqlQuery parse(String soql, SalesforceSchema schema) {
        if (soql == null || soql.isBlank()) {
            throw SalesforceApiException.of(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        return new SoqlParser(soql, schema).query();
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        boolean count = false;
        List<Token> selected = new ArrayList<>();
        if (peek().is("COUNT") && tokens.get(next + 1).kind() == Kind.LPAREN) {
            next++;
            expect(Kind.LPAREN);
            if (peek().kind() != Kind.RPAREN) {
                throw unsupported(peek(), "aggregate COUNT(field)");
            }
            expect(Kind.RPAREN);
            count = true;
        } else {
            do {
                Token field = peek();
                if (field.kind() == Kind.LPAREN) {
                    throw unsupported(field, "sub-queries");
                }
                if (field.kind() != Kind.WORD || isKeyword(field)) {
                    throw unexpected(field);
                }
                next++;
                if (peek().kind() == Kind.LPAREN) {
                    throw unsupported(field, "functions in SELECT (" + field.text() + "())");
                }
                selected.add(field);
            } while (accept(Kind.COMMA));
        }
        expectKeyword("FROM");
        Token object = peek();
        if (object.kind() != Kind.WORD || isKeyword(object)) {
            throw unexpected(object);
        }
        next++;
        from = schema.object(object.text()).orElseThrow(() -> error("INVALID_TYPE", object, "sObject type '"
                + object.text() + "' is not supported. If you are attempting to use a custom object, be sure to append "
                + "the '__c' after the entity name. Please reference your WSDL or the describe call for the "
                + "appropriate names."));
        if (peek().kind() == Kind.WORD && !isKeyword(peek())) {
            throw unsupported(peek(), "object aliases");
        }
        List<FieldRef> select = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Token token : selected) {
            FieldRef ref = field(token);
            String key = (ref.relationshipName() == null ? "" : ref.relationshipName() + ".") + ref.field().name();
            if (seen.contains(key.toLowerCase(Locale.ROOT))) {
                throw error("MALFORMED_QUERY", token, "duplicate field selected: " + token.text());
            }
            seen.add(key.toLowerCase(Locale.ROOT));
            select.add(ref);
        }
        Condition where = null;
        if (acceptKeyword("WHERE")) {
            where = condition();
        }
        List<SoqlQuery.Order> orderBy = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                Token token = peek();
                if (token.kind() != Kind.WORD || isKeyword(token)) {
                    throw unexpected(token);
                }
                next++;
                FieldRef ref = field(token);
                boolean descending = false;
                if (acceptKeyword("DESC")) {
                    descending = true;
                } else {
                    acceptKeyword("ASC");
                }
                boolean nullsFirst = !descending;
                if (acceptKeyword("NULLS")) {
                    if (acceptKeyword("FIRST")) {
                        nullsFirst = true;
                    } else {
                        expectKeyword("LAST");
                        nullsFirst = false;
                    }
                }
                orderBy.add(new SoqlQuery.Order(ref, descending, nullsFirst));
            } while (accept(Kind.COMMA));
        }
        Integer limit = null;
        if (acceptKeyword("LIMIT")) {
            limit = nonNegativeInteger();
        }
        int offset = 0;
        if (acceptKeyword("OFFSET")) {
            Token token = peek();
            offset = nonNegativeInteger();
            if (offset > 2000) {
                throw error("NUMBER_OUTSIDE_VALID_RANGE", token, "Maximum SOQL offset allowed is 2000");
            }
        }
        Token end = peek();
        if (end.kind() != Kind.EOF) {
            if (end.kind() == Kind.WORD && UNSUPPORTED_CLAUSES.contains(end.text().toUpperCase(Locale.ROOT))) {
                throw unsupported(end, end.text().toUpperCase(Locale.ROOT) + " clauses");
            }
            throw unexpected(end);
        }
        return new SoqlQuery(from, select, count, where, orderBy, limit, offset);
    }

    // ---- WHERE

    /** Terms joined by one connector; mixing AND and OR on one level needs parentheses in SOQL. */
    private Condition condition() {
        List<Condition> terms = new ArrayList<>();
        terms.add(term());
        String connector = null;
        while (peek().is("AND") || peek().is("OR")) {
            Token token = tokens.get(next++);
            String word = token.text().toUpperCase(Locale.ROOT);
            if (connector != null && !connector.equals(word)) {
                throw unexpected(token);
            }
            connector = word;
            terms.add(term());
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        return "AND".equals(connector) ? new SoqlQuery.And(terms) : new SoqlQuery.Or(terms);
    }

    private Condition term() {
        if (acceptKeyword("NOT")) {
            return new SoqlQuery.Not(term());
        }
        if (accept(Kind.LPAREN)) {
            Condition inner = condition();
            expect(Kind.RPAREN);
            return inner;
        }
        Token token = peek();
        if (token.kind() != Kind.WORD || isKeyword(token)) {
            throw unexpected(token);
        }
        next++;
        if (peek().kind() == Kind.LPAREN) {
            throw unsupported(token, "functions in WHERE (" + token.text() + "())");
        }
        FieldRef field = field(token);
        Token operator = peek();
        if (operator.kind() == Kind.OPERATOR) {
            next++;
            String op = operator.text().equals("<>") ? "!=" : operator.text();
            Object value = literal(field, token, op);
            if (value == null && !op.equals("=") && !op.equals("!=")) {
                throw error("MALFORMED_QUERY", operator, "invalid operator on null: " + operator.text());
            }
            return new SoqlQuery.Comparison(field, op, Collections.singletonList(value));
        }
        boolean not = acceptKeyword("NOT");
        if (acceptKeyword("IN")) {
            expect(Kind.LPAREN);
            if (peek().is("SELECT")) {
                throw unsupported(peek(), "semi-join sub-queries");
            }
            List<Object> values = new ArrayList<>();
            do {
                values.add(literal(field, token, "="));
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN);
            return new SoqlQuery.Comparison(field, not ? "NOT IN" : "IN", values);
        }
        if (!not && acceptKeyword("LIKE")) {
            Token pattern = peek();
            if (!field.field().type().textual()) {
                throw error("INVALID_QUERY_FILTER_OPERATOR", token, "invalid operator on field: "
                        + field.field().name() + ". LIKE can only be used with string fields");
            }
            if (pattern.kind() != Kind.STRING) {
                throw filterType(field, token, pattern);
            }
            next++;
            return new SoqlQuery.Comparison(field, "LIKE", List.of(pattern.value()));
        }
        if (peek().is("INCLUDES") || peek().is("EXCLUDES")) {
            throw unsupported(peek(), "INCLUDES/EXCLUDES");
        }
        throw unexpected(peek());
    }

    /** The next literal, checked against the field's type (SOQL refuses e.g. a quoted datetime). */
    private Object literal(FieldRef field, Token fieldToken, String operator) {
        Token token = peek();
        Type type = field.field().type();
        switch (token.kind()) {
            case WORD:
                if (token.is("NULL")) {
                    next++;
                    return null;
                }
                if (token.is("TRUE") || token.is("FALSE")) {
                    if (type != Type.BOOLEAN) {
                        throw filterType(field, fieldToken, token);
                    }
                    next++;
                    return Boolean.parseBoolean(token.text().toLowerCase(Locale.ROOT));
                }
                if (DATE_LITERAL.matcher(token.text()).matches()) {
                    throw unsupported(token, "date literals such as " + token.text());
                }
                throw unexpected(token);
            case STRING:
                next++;
                if (type == Type.ID || type == Type.REFERENCE) {
                    return SalesforceIds.normalize((String) token.value()).orElseThrow(() -> error(
                            "INVALID_QUERY_FILTER_OPERATOR", token, "invalid ID field: " + token.value()));
                }
                if (!type.textual()) {
                    throw filterType(field, fieldToken, token);
                }
                return token.value();
            case NUMBER:
                if (!type.numeric()) {
                    throw filterType(field, fieldToken, token);
                }
                next++;
                return token.value();
            case DATE:
                if (type != Type.DATE) {
                    throw filterType(field, fieldToken, token);
                }
                next++;
                return token.value();
            case DATETIME:
                if (type != Type.DATETIME) {
                    throw filterType(field, fieldToken, token);
                }
                next++;
                return token.value();
            default:
                throw unexpected(token);
        }
    }

    private SalesforceApiException filterType(FieldRef field, Token fieldToken, Token literal) {
        Type type = field.field().type();
        String quoted = type.textual() ? " and should be enclosed in quotes"
                : literal.kind() == Kind.STRING ? " and should not be enclosed in quotes" : "";
        return error("INVALID_QUERY_FILTER_OPERATOR", literal, "value of filter criterion for field '"
                + field.field().name() + "' must be of type " + type.soqlName + quoted);
    }

    // ---- fields

    private FieldRef field(Token token) {
        String[] written = token.text().split("\\.", -1);
        String[] path = written.length > 1 && written[0].equalsIgnoreCase(from.name())
                && from.relationship(written[0]).isEmpty()
                ? Arrays.copyOfRange(written, 1, written.length) : written;
        if (path.length == 1) {
            SalesforceField field = from.field(path[0]).orElseThrow(() -> noSuchColumn(token, path[0], from));
            return new FieldRef(null, from, field);
        }
        if (path.length > 2) {
            throw unsupported(token, "relationship paths of more than one level");
        }
        String relationship = path[0];
        String fieldName = path[1];
        if (USER_RELATIONSHIPS.contains(relationship.toLowerCase(Locale.ROOT))) {
            throw unsupported(token, "the User relationship " + relationship);
        }
        SalesforceField reference = from.relationship(relationship).orElseThrow(() -> error("INVALID_FIELD", token,
                "Didn't understand relationship '" + relationship + "' in field path. If you are attempting to use a "
                        + "custom relationship, be sure to append the '__r' after the custom relationship name. Please "
                        + "reference your WSDL or the describe call for the appropriate names."));
        SalesforceSObject target = schema.object(reference.referenceTo()).orElseThrow();
        SalesforceField field = target.field(fieldName).orElseThrow(() -> noSuchColumn(token, fieldName, target));
        return new FieldRef(reference, target, field);
    }

    private SalesforceApiException noSuchColumn(Token token, String name, SalesforceSObject object) {
        return error("INVALID_FIELD", token, "No such column '" + name + "' on entity '" + object.name() + "'. If you "
                + "are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please "
                + "reference your WSDL or the describe call for the appropriate names.");
    }

    // ---- tokens

    private List<Token> tokenize() {
        List<Token> list = new ArrayList<>();
        int i = 0;
        int n = soql.length();
        while (i < n) {
            char c = soql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                i = string(i, list);
            } else if (c == '(') {
                list.add(new Token(Kind.LPAREN, "(", null, i++));
            } else if (c == ')') {
                list.add(new Token(Kind.RPAREN, ")", null, i++));
            } else if (c == ',') {
                list.add(new Token(Kind.COMMA, ",", null, i++));
            } else if (c == '=' ) {
                list.add(new Token(Kind.OPERATOR, "=", null, i++));
            } else if (c == '!' || c == '<' || c == '>') {
                String two = i + 1 < n ? soql.substring(i, i + 2) : "";
                if (two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                    list.add(new Token(Kind.OPERATOR, two, null, i));
                    i += 2;
                } else if (c == '!') {
                    throw error("MALFORMED_QUERY", new Token(Kind.OPERATOR, "!", null, i), "unexpected token: '!'");
                } else {
                    list.add(new Token(Kind.OPERATOR, String.valueOf(c), null, i++));
                }
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < n && Character.isDigit(soql.charAt(i + 1)))) {
                i = number(i, list);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(soql.charAt(i)) || soql.charAt(i) == '_'
                        || soql.charAt(i) == '.' || soql.charAt(i) == ':')) {
                    i++;
                }
                list.add(new Token(Kind.WORD, soql.substring(start, i), null, start));
            } else {
                throw error("MALFORMED_QUERY", new Token(Kind.OPERATOR, String.valueOf(c), null, i),
                        "unexpected token: '" + c + "'");
            }
        }
        list.add(new Token(Kind.EOF, "<EOF>", null, n));
        return list;
    }

    private int string(int start, List<Token> list) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            if (c == '\'') {
                list.add(new Token(Kind.STRING, soql.substring(start, i + 1), value.toString(), start));
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= soql.length()) {
                    break;
                }
                char e = soql.charAt(i + 1);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case '\'', '"', '\\' -> value.append(e);
                    // in LIKE patterns \_ and \% are literal; the sandbox keeps them as the plain characters
                    case '_', '%' -> value.append(e);
                    default -> throw error("MALFORMED_QUERY", new Token(Kind.STRING, "", null, i),
                            "Invalid string literal '" + soql.substring(start, Math.min(soql.length(), i + 2))
                                    + "'. Illegal character sequence '\\" + e + "' in string literal.");
                }
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        throw error("MALFORMED_QUERY", new Token(Kind.STRING, "", null, start), "unterminated string literal");
    }

    private int number(int start, List<Token> list) {
        String rest = soql.substring(start);
        Matcher datetime = DATETIME.matcher(rest);
        if (datetime.lookingAt() && boundary(start + datetime.end())) {
            String text = datetime.group();
            list.add(new Token(Kind.DATETIME, text, SalesforceValues.parseDatetime(text).orElseThrow(() ->
                    error("MALFORMED_QUERY", new Token(Kind.DATETIME, text, null, start), "line 1:" + start
                            + " no viable alternative at character '" + text + "'")), start));
            return start + datetime.end();
        }
        Matcher date = DATE.matcher(rest);
        if (date.lookingAt() && boundary(start + date.end())) {
            String text = date.group();
            list.add(new Token(Kind.DATE, text, SalesforceValues.parseDate(text).orElseThrow(() ->
                    error("MALFORMED_QUERY", new Token(Kind.DATE, text, null, start), "invalid date: " + text)), start));
            return start + date.end();
        }
        Matcher number = NUMBER.matcher(rest);
        if (number.lookingAt() && boundary(start + number.end())) {
            String text = number.group();
            BigDecimal value = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
            list.add(new Token(Kind.NUMBER, text, value.scale() <= 0 ? (Object) value.longValueExact()
                    : (Object) value.doubleValue(), start));
            return start + number.end();
        }
        int end = start;
        while (end < soql.length() && !Character.isWhitespace(soql.charAt(end)) && soql.charAt(end) != ')'
                && soql.charAt(end) != ',') {
            end++;
        }
        String text = soql.substring(start, end);
        throw error("MALFORMED_QUERY", new Token(Kind.WORD, text, null, start), "unexpected token: '" + text + "'");
    }

    private boolean boundary(int index) {
        if (index >= soql.length()) {
            return true;
        }
        char c = soql.charAt(index);
        return !Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != ':' && c != '-' && c != '+';
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(next);
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind) {
        if (!accept(kind)) {
            throw unexpected(peek());
        }
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().is(keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected(peek());
        }
    }

    private static boolean isKeyword(Token token) {
        return token.kind() == Kind.WORD && KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT));
    }

    private int nonNegativeInteger() {
        Token token = peek();
        if (token.kind() != Kind.NUMBER || !(token.value() instanceof Long value) || value < 0
                || value > Integer.MAX_VALUE) {
            throw unexpected(token);
        }
        next++;
        return (int) (long) value;
    }

    private SalesforceApiException unexpected(Token token) {
        return error("MALFORMED_QUERY", token, token.kind() == Kind.EOF ? "unexpected token: <EOF>"
                : "unexpected token: '" + token.text() + "'");
    }

    private SalesforceApiException unsupported(Token token, String what) {
        return error("MALFORMED_QUERY", token, what + NOT_SUPPORTED);
    }

    /**
     * A SOQL error as Salesforce words it: the query's line, a caret under the column, the position, the reason:
     * {@code "\nSELECT Id, Foo FROM Lead\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' ..."}.
     */
    private SalesforceApiException error(String code, Token at, String reason) {
        int position = Math.min(at.position(), soql.length());
        int lineStart = soql.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
        if (position == 0) {
            lineStart = 0;
        }
        int lineEnd = soql.indexOf('\n', position);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int row = 1 + (int) soql.substring(0, lineStart).chars().filter(ch -> ch == '\n').count();
        int column = position - lineStart + 1;
        String message = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:" + column
                + "\n" + reason;
        return SalesforceApiException.of(400, code, message);
    }
}
