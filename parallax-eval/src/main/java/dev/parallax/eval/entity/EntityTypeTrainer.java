package dev.parallax.eval.entity;

import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.EntityTypeTraining;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the entity annotator's typing weights on documents of a CoNLL file and writes the resource. The shipped
 * {@code type-model.tsv} was made with
 * {@code EntityTypeTrainer ../shared/data/ner/wikigold/wikigold.conll.txt
 * parallax-core/src/main/resources/dev/parallax/core/analysis/entity/type-model.tsv 1-72}: WikiGold documents 1-72
 * only, so that documents 73-145 stay unseen for {@link EntityEvaluation}.
 *
 * <p>Usage: {@code EntityTypeTrainer CONLL_FILE OUT_FILE FROM-TO [EPOCHS=10]} (1-based inclusive documents).
 */
public final class EntityTypeTrainer {
    private EntityTypeTrainer() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: EntityTypeTrainer CONLL_FILE OUT_FILE FROM-TO [EPOCHS=10]");
            System.exit(2);
        }
        try {
            String model = model(Path.of(args[0]), args[2], args.length > 3 ? Integer.parseInt(args[3]) : EPOCHS);
            Files.writeString(Path.of(args[1]), model, StandardCharsets.UTF_8);
            System.out.printf("wrote %s (%d lines)%n", args[1], model.lines().count());
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static final int EPOCHS = 10;

    /** The resource text trained on documents {@code range} ("1-72", 1-based inclusive) of a CoNLL file. */
    static String model(Path conll, String range, int epochs) throws IOException {
        List<ConllDocument> docs = ConllDocument.read(conll);
        String[] r = range.split("-");
        int from = Integer.parseInt(r[0]) - 1;
        int to = Integer.parseInt(r[1]);
        if (from < 0 || to > docs.size() || from >= to) {
            throw new IllegalArgumentException("documents " + range + " are not within the file's " + docs.size());
        }
        List<EntityTypeTraining.LabelledText> texts = new ArrayList<>();
        for (ConllDocument d : docs.subList(from, to)) {
            List<EntityTypeTraining.GoldSpan> gold = new ArrayList<>();
            for (ConllDocument.Span s : d.gold()) {
                gold.add(new EntityTypeTraining.GoldSpan(d.starts()[s.first()], d.ends()[s.last()], type(s.type())));
            }
            texts.add(new EntityTypeTraining.LabelledText(d.text(), gold));
        }
        return "# trained on " + conll.getFileName() + " documents " + range + "\n"
                + EntityTypeTraining.train(texts, epochs);
    }

    static EntityType type(String conll) {
        return switch (conll) {
            case "PER" -> EntityType.PERSON;
            case "ORG" -> EntityType.ORGANIZATION;
            case "LOC" -> EntityType.PLACE;
            case "MISC" -> EntityType.OTHER;
            default -> throw new IllegalArgumentException("unknown CoNLL type " + conll);
        };
    }
}
