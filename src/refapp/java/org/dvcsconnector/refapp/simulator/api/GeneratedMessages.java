package org.dvcsconnector.refapp.simulator.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dvcsconnector.refapp.simulator.model.MessageGenerator;

/**
 * The messages of generated commits as JSON string content, written straight from {@link MessageGenerator}'s
 * templates: each template, and its summary html ({@link CommitJson#html}), pre-split into escaped constant
 * bytes and placeholders, so a message costs a few byte copies and two small numbers instead of four
 * {@code String.replace} calls and an escaping pass. Equal, byte for byte, to escaping {@code render(i)}.
 */
final class GeneratedMessages {

    private static final char KEY = 'k';
    private static final char KEY2 = 'K';
    private static final char KEY_LOWER = 'l';
    private static final char WORD = 'w';

    private final Template[] raw;
    private final Template[] html;
    /** The issue keys by number - 1, as bytes: {@code DEMO-7}, and in lower case {@code demo-7}. */
    private final byte[][] keys;
    private final byte[][] lowerKeys;
    private final byte[][] words;

    private record Template(byte[][] constants, char[] placeholders) {}

    private GeneratedMessages(String projectKey, int issueCount) {
        keys = new byte[issueCount][];
        lowerKeys = new byte[issueCount][];
        for (int k = 0; k < issueCount; k++) {
            keys[k] = (projectKey + "-" + (k + 1)).getBytes(StandardCharsets.US_ASCII);
            lowerKeys[k] = (projectKey.toLowerCase() + "-" + (k + 1)).getBytes(StandardCharsets.US_ASCII);
        }
        words = new byte[16][];
        for (int w = 0; w < 16; w++) {
            words[w] = MessageGenerator.word((long) w << 40).getBytes(StandardCharsets.US_ASCII);
        }
        int n = MessageGenerator.templates();
        raw = new Template[n];
        html = new Template[n];
        for (int t = 0; t < n; t++) {
            String text = MessageGenerator.templateText(t);
            raw[t] = compile(text);
            html[t] = compile(CommitJson.html(text));
        }
    }

    /**
     * The compiled messages of {@code generator}, or null if its keys could need escaping or are too many to
     * keep as bytes (then use strings).
     */
    static GeneratedMessages of(MessageGenerator generator) {
        String key = generator.projectKey();
        int issues = Math.max(1, generator.issueCount());
        return key != null && key.matches("[A-Za-z0-9_]+") && issues <= 100_000 ? new GeneratedMessages(key, issues) : null;
    }

    private static Template compile(String text) {
        List<byte[]> constants = new ArrayList<>();
        StringBuilder placeholders = new StringBuilder();
        int from = 0;
        int i = 0;
        while (i < text.length()) {
            char kind = text.startsWith("{k2}", i) ? KEY2 : text.startsWith("{kl}", i) ? KEY_LOWER
                    : text.startsWith("{k}", i) ? KEY : text.startsWith("{w}", i) ? WORD : 0;
            if (kind == 0) {
                i++;
                continue;
            }
            constants.add(escape(text.substring(from, i)));
            placeholders.append(kind);
            i += kind == KEY || kind == WORD ? 3 : 4;
            from = i;
        }
        constants.add(escape(text.substring(from)));
        return new Template(constants.toArray(new byte[0][]), placeholders.toString().toCharArray());
    }

    private static byte[] escape(String s) {
        JsonBytes b = new JsonBytes(128);
        b.escaped(s);
        return b.toByteArray();
    }

    /** The escaped message of the commit whose generator bits are {@code bits}. */
    void message(JsonBytes out, MessageGenerator g, long bits) {
        write(out, raw[MessageGenerator.template(bits)], g, bits);
    }

    /** The escaped summary html of that message. */
    void html(JsonBytes out, MessageGenerator g, long bits) {
        write(out, html[MessageGenerator.template(bits)], g, bits);
    }

    private void write(JsonBytes out, Template t, MessageGenerator g, long bits) {
        byte[][] constants = t.constants();
        char[] placeholders = t.placeholders();
        for (int i = 0; i < placeholders.length; i++) {
            out.write(constants[i]);
            switch (placeholders[i]) {
                case KEY -> out.write(keys[g.keyNumber(bits >>> 8) - 1]);
                case KEY2 -> out.write(keys[g.keyNumber(bits >>> 24) - 1]);
                case KEY_LOWER -> out.write(lowerKeys[g.keyNumber(bits >>> 8) - 1]);
                default -> out.write(words[MessageGenerator.wordIndex(bits)]);
            }
        }
        out.write(constants[placeholders.length]);
    }
}
