package org.amtsgang.notification.internal.postfach;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import org.amtsgang.notification.api.Postfach;
import org.amtsgang.notification.api.PostfachMessage;
import org.amtsgang.notification.api.PostfachPage;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Postfach in the database. A message is stored once per id, whoever delivers it how often;
 * every method is one short transaction.
 */
@Component(service = Postfach.class)
public final class PostfachComponent implements Postfach {

    private final Logger logger = LoggerFactory.getLogger(PostfachComponent.class);
    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public PostfachComponent(
            BundleContext context,
            @Reference(target = "(osgi.unit.name=notification)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations) {
        this(jpa, Clock.systemUTC());
        migrations.migrate("notification", context.getBundle());
    }

    PostfachComponent(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    /** Stores the message as unread, whatever its {@code readAt} says: nobody has read it here yet. */
    @Override
    public boolean deliver(PostfachMessage message) {
        PostfachValidation.check(message);
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                PostfachEntity present = em.find(PostfachEntity.class, message.id());
                if (present != null) {
                    warnIfDifferent(present, message);
                    return false;
                }
                em.persist(entity(message));
                // a delivery of the same id racing this one fails here, while the transaction is ours
                em.flush();
                return true;
            });
        } catch (RuntimeException e) {
            // the other delivery won the race: the message is there, which is all the caller wants
            if (existsAfter(e, message.id())) {
                logger.debug("Postfach message {} was delivered concurrently", message.id());
                return false;
            }
            throw e;
        }
    }

    @Override
    public int deliverAll(List<PostfachMessage> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        messages.forEach(PostfachValidation::check);
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                List<String> ids = messages.stream().map(PostfachMessage::id).toList();
                java.util.Set<String> present = new java.util.HashSet<>(
                        em.createQuery("SELECT m.id FROM PostfachEntity m WHERE m.id IN :ids", String.class)
                                .setParameter("ids", ids)
                                .getResultList());
                int stored = 0;
                for (PostfachMessage message : messages) {
                    if (present.add(message.id())) {
                        em.persist(entity(message));
                        stored++;
                    }
                }
                em.flush();
                return stored;
            });
        } catch (RuntimeException e) {
            // a concurrent delivery of one of them won a race: fall back to one by one, each idempotent
            logger.debug("Batch of {} Postfach messages raced; delivering one by one", messages.size());
            int stored = 0;
            for (PostfachMessage message : messages) {
                if (deliver(message)) {
                    stored++;
                }
            }
            return stored;
        }
    }

    @Override
    public PostfachPage inbox(String recipient, boolean unreadOnly, int page, int size) {
        PostfachValidation.recipient(recipient);
        PostfachValidation.page(page, size);
        return jpa.txExpr(TransactionType.Required, em -> {
            // one row more than the page: whether another page follows, without counting them all
            List<PostfachEntity> rows = em.createQuery(
                            "SELECT m FROM PostfachEntity m WHERE m.recipient = :recipient"
                                    + (unreadOnly ? " AND m.readAtMillis IS NULL" : "")
                                    + " ORDER BY m.sentAtMillis DESC, m.id DESC",
                            PostfachEntity.class)
                    .setParameter("recipient", recipient)
                    .setFirstResult(page * size)
                    .setMaxResults(size + 1)
                    .getResultList();
            List<PostfachMessage> items =
                    rows.stream().limit(size).map(PostfachComponent::message).toList();
            return new PostfachPage(items, page, size, rows.size() > size, unread(em, recipient));
        });
    }

    @Override
    public Optional<PostfachMessage> message(String recipient, String messageId) {
        PostfachValidation.recipient(recipient);
        if (!PostfachValidation.possibleId(messageId)) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Required, em -> find(em, recipient, messageId));
    }

    @Override
    public Optional<PostfachMessage> markRead(String recipient, String messageId) {
        PostfachValidation.recipient(recipient);
        if (!PostfachValidation.possibleId(messageId)) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            // only the first reading counts: a message read again keeps its time
            em.createQuery("UPDATE PostfachEntity m SET m.readAtMillis = :now"
                            + " WHERE m.id = :id AND m.recipient = :recipient AND m.readAtMillis IS NULL")
                    .setParameter("now", clock.millis())
                    .setParameter("id", messageId)
                    .setParameter("recipient", recipient)
                    .executeUpdate();
            return find(em, recipient, messageId);
        });
    }

    @Override
    public long unread(String recipient) {
        PostfachValidation.recipient(recipient);
        return jpa.txExpr(TransactionType.Required, em -> unread(em, recipient));
    }

    /** Whether the message is there after its delivery failed; the failure is what counts if unsure. */
    private boolean existsAfter(RuntimeException failure, String id) {
        try {
            return jpa.txExpr(TransactionType.Required, em -> em.find(PostfachEntity.class, id) != null);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    private static Optional<PostfachMessage> find(EntityManager em, String recipient, String id) {
        return Optional.ofNullable(em.find(PostfachEntity.class, id))
                .filter(m -> m.recipient.equals(recipient))
                .map(PostfachComponent::message);
    }

    private static long unread(EntityManager em, String recipient) {
        return em.createQuery(
                        "SELECT COUNT(m) FROM PostfachEntity m WHERE m.recipient = :recipient AND m.readAtMillis IS NULL",
                        Long.class)
                .setParameter("recipient", recipient)
                .getSingleResult();
    }

    // the same id for someone else points at a sending area that reuses ids: the first one stays
    private void warnIfDifferent(PostfachEntity present, PostfachMessage message) {
        if (!present.recipient.equals(message.recipient())) {
            logger.warn(
                    "Postfach message {} was delivered before to another recipient; the new one is dropped",
                    message.id());
        }
    }

    private static PostfachEntity entity(PostfachMessage m) {
        PostfachEntity e = new PostfachEntity();
        e.id = m.id();
        e.recipient = m.recipient();
        e.sender = m.sender();
        e.subject = m.subject();
        e.text = m.text();
        e.reference = m.reference();
        e.sentAtMillis = m.sentAt().toEpochMilli();
        return e;
    }

    private static PostfachMessage message(PostfachEntity e) {
        return new PostfachMessage(
                e.id,
                e.recipient,
                e.sender,
                e.subject,
                e.text,
                e.reference,
                Instant.ofEpochMilli(e.sentAtMillis),
                e.readAtMillis == null ? null : Instant.ofEpochMilli(e.readAtMillis));
    }
}
