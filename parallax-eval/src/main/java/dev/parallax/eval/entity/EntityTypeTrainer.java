package dev.parallax.eval.entity;

import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.EntityTypeTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the entity annotator's typing weights on documents of a CoNLL file: the text of the
 * {@code type-model.tsv} resource. The shipped one was made with
 * {@code parallax train entity-types --conll ../shared/data/ner/wikigold/wikigold.conll.txt --docs 1-72
 * --out parallax-core/src/main/resources/dev/parallax/core/analysis/entity/type-model.tsv}: WikiGold documents 1-72
 * only, so that documents 73-145 stay unseen for {@link EntityEvaluation}.
 */
public final class EntityTypeTrainer {
    /** The epochs the shipped model was trained for. */
    public static final int EPOCHS = 10;

    private EntityTypeTrainer() {}

    /**
     * The resource text trained on documents {@code [from, to)} (0-based) of a CoNLL file.
     *
     * @throws IllegalArgumentException when the range is not within the file
     */
    public static String model(Path conll, int from, int to, int epochs) throws IOException {
        List<ConllDocument> docs = ConllDocument.read(conll);
        if (from < 0 || to > docs.size() || from >= to) {
            throw new IllegalArgumentException("documents " + (from + 1) + "-" + to + " are not within the "
                    + docs.size() + " of " + conll);
        }
        List<EntityTypeTraining.LabelledText> texts = new ArrayList<>();
        for (ConllDocument d : docs.subList(from, to)) {
            List<EntityTypeTraining.GoldSpan> gold = new ArrayList<>();
            for (ConllDocument.Span s : d.gold()) {
                gold.add(new EntityTypeTraining.GoldSpan(d.starts()[s.first()], d.ends()[s.last()], type(s.type())));
            }
            texts.add(new EntityTypeTraining.LabelledText(d.text(), gold));
        }
        return "# trained on " + conll.getFileName() + " documents " + (from + 1) + "-" + to + "\n"
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
