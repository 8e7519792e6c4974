package io.reelgraph.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.Billing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanBookTest {

    private static final String[] PRICES = {"0.04", "0.1", "0.055", "1", "0.0035", "0"};
    private static final ItemState[] STATES = {ItemState.CACHED, ItemState.WILL_RUN,
        ItemState.BLOCKED_ON_UPSTREAM, ItemState.EXECUTED, ItemState.FAILED};
    private static final String[] PROVIDERS = {"fal", "openai", "draft"};

    private static List<PlannedItem> randomItems(Random random, NodeId node) {
        List<PlannedItem> items = new ArrayList<>();
        int count = random.nextInt(4);
        for (int index = 0; index < count; index++) {
            boolean paid = random.nextInt(4) > 0;
            String provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
            BigDecimal price = new BigDecimal(PRICES[random.nextInt(PRICES.length)]);
            Optional<Billing> billing = paid
                    ? Optional.of(new Billing(provider, provider + "/model", "", 0, price,
                            "1 image", provider.equals("draft")))
                    : Optional.empty();
            items.add(new PlannedItem(node, "test.generate", "item-" + index, index,
                    STATES[random.nextInt(STATES.length)], paid, Optional.empty(), billing,
                    paid ? price : BigDecimal.ZERO, "test", Optional.empty(), Optional.empty()));
        }
        return items;
    }

    @Test
    void replacedNodesMatchFullCount() {
        Random random = new Random(11);
        int nodes = 40;
        PlanBook book = new PlanBook();
        book.reset(nodes);
        List<List<PlannedItem>> current = new ArrayList<>();
        for (int position = 0; position < nodes; position++) {
            List<PlannedItem> items = randomItems(random, NodeId.of("n" + position));
            current.add(items);
            book.put(position, NodeId.of("n" + position), items);
        }

        for (int round = 0; round < 300; round++) {
            int position = random.nextInt(nodes);
            List<PlannedItem> items = randomItems(random, NodeId.of("n" + position));
            current.set(position, items);
            book.put(position, NodeId.of("n" + position), items);

            List<PlannedItem> all = current.stream().flatMap(List::stream).toList();
            Plan expected = Plan.of(all);
            Plan actual = book.plan();
            assertThat(actual.items()).isEqualTo(all);
            assertThat(actual.projection()).isEqualTo(expected.projection());
            assertThat(actual.draft()).isEqualTo(expected.draft());
        }
    }

    @Test
    void itemsAreFoundPastEmptyNodes() {
        PlanBook book = new PlanBook();
        book.reset(4);
        List<PlannedItem> first = randomItemsOfSize(NodeId.of("a"), 2);
        List<PlannedItem> last = randomItemsOfSize(NodeId.of("d"), 1);
        book.put(0, NodeId.of("a"), first);
        book.put(3, NodeId.of("d"), last);

        List<PlannedItem> items = book.plan().items();

        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isEqualTo(first.get(0));
        assertThat(items.get(1)).isEqualTo(first.get(1));
        assertThat(items.get(2)).isEqualTo(last.get(0));
        assertThat(items).containsExactly(first.get(0), first.get(1), last.get(0));
    }

    private static List<PlannedItem> randomItemsOfSize(NodeId node, int size) {
        Random random = new Random(node.value().hashCode());
        List<PlannedItem> items = new ArrayList<>();
        while (items.size() < size) {
            items.addAll(randomItems(random, node));
        }
        return items.subList(0, size);
    }
}
