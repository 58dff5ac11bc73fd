package org.dvcsconnector.devinfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A pull request's participants as stored: one JSON column, since they are only ever read with their pull request. */
final class Participants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Participant>> LIST = new TypeReference<>() {};

    private Participants() {}

    static String toJson(List<Participant> participants) {
        if (participants.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(participants);
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
