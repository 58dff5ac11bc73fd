package org.dvcsconnector.devinfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.dvcsconnector.db.StoredText;

/** A pull request's participants as stored: one JSON column, since they are only ever read with their pull request. */
final class Participants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Participant>> LIST = new TypeReference<>() {};

    private Participants() {}

    static String toJson(List<Participant> participants) {
        if (participants.isEmpty()) {
            return null;
        }
        try { // names as short texts; the JSON escapes every control character
            return JSON.writeValueAsString(participants.stream().map(p -> new Participant(
                    StoredText.shorten(p.name(), StoredText.SHORT), StoredText.clean(p.avatarUrl()),
                    StoredText.shorten(p.role(), StoredText.SHORT), p.approved())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("participants are plain records", e);
        }
    }

    static List<Participant> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            return List.of(); // a damaged column must not break the issue view
        }
    }
}
