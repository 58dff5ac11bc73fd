package org.dvcsconnector.smartcommit;

import java.time.Duration;
import java.util.Optional;

/**
 * Jira's duration notation: {@code 1w 2d 4h 30m}, decimals allowed ({@code 1.5h}), units also written together
 * ({@code 1h30m}). A day and a week are the site's working time ({@link WorkingTime}), as in Jira.
 */
final class WorkDuration {

    /** Longer than this is a typo, not work: refused. */
    static final Duration MAX = Duration.ofHours(10_000);
    private static final int MAX_NUMBER_LENGTH = 12;

    private WorkDuration() {}

    /** The minutes of one token such as {@code 2d} or {@code 1h30m}; empty when it is not a duration. */
    static Optional<Double> minutes(String token, WorkingTime workingTime) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        double total = 0;
        int i = 0;
        while (i < token.length()) {
            int start = i;
            boolean dot = false;
            while (i < token.length() && (isDigit(token.charAt(i)) || (token.charAt(i) == '.' && !dot))) {
                dot |= token.charAt(i) == '.';
                i++;
            }
            if (i == start || i - start > MAX_NUMBER_LENGTH || i == token.length()) {
                return Optional.empty();
            }
            String number = token.substring(start, i);
            if (number.equals(".")) {
                return Optional.empty();
            }
            double value = Double.parseDouble(number);
            switch (Character.toLowerCase(token.charAt(i))) {
                case 'w' -> total += value * workingTime.minutesPerWeek();
                case 'd' -> total += value * workingTime.minutesPerDay();
                case 'h' -> total += value * 60;
                case 'm' -> total += value;
                default -> {
                    return Optional.empty();
                }
            }
            i++;
        }
        return Optional.of(total);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Parses {@code #time}'s arguments: leading duration tokens, then the optional comment. */
    static SmartCommand.Action logWork(String args, WorkingTime workingTime) {
        String[] words = args.strip().split("\\s+", -1);
        double minutes = 0;
        int used = 0;
        for (String word : words) {
            Optional<Double> m = minutes(word, workingTime);
            if (m.isEmpty()) {
                break;
            }
            minutes += m.get();
            used++;
        }
        if (used == 0) {
            return new SmartCommand.Invalid("No time given: write e.g. #time 1w 2d 4h 30m");
        }
        long seconds = Math.round(minutes * 60);
        if (seconds <= 0) {
            return new SmartCommand.Invalid("The time spent must be more than zero");
        }
        if (seconds > MAX.toSeconds()) {
            return new SmartCommand.Invalid("The time spent is more than " + MAX.toHours() + " hours");
        }
        StringBuilder comment = new StringBuilder();
        for (int i = used; i < words.length; i++) {
            comment.append(i == used ? "" : " ").append(words[i]);
        }
        return new SmartCommand.LogWork(Duration.ofSeconds(seconds), comment.toString());
    }
}
