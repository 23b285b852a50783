/* pkio-outbox.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-outbox.h"
#include "pkio-outbox-private.h"
#include "pkio-store-records-private.h"
#include "pkio-wipe.h"

/* How far before the POST began reconciliation looks, for the difference
 * between our clock and CertCentral's. */
#define RECONCILE_MARGIN (15 * G_TIME_SPAN_MINUTE)

struct _PkioOutbox
{
  GObject          parent_instance;

  PkioStore       *store;
  PkioHistory     *history;
  PkioAccount     *account;           /* (nullable) whose client sends, in its mode */
  PkioClient      *client;            /* without an account: this one sends */
  GHashTable      *entries;     /* id → PkioOutboxEntry */
  GHashTable      *in_flight;   /* ids with a send or mark-sent under way */
  gboolean         flushing;

  GNetworkMonitor *monitor;
  gulong           network_changed_id;
  guint            settle_source;
  guint            settle_ms;
  gboolean         network_up;      /* as the monitor last said */
  GDateTime       *network_back;    /* when it last came back */
  PkioOutboxClock  clock;           /* (nullable) tests' own clock */
  gpointer         clock_data;
};

G_DEFINE_FINAL_TYPE (PkioOutbox, pkio_outbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (pkio-outbox-error-quark, pkio_outbox_error)

G_DEFINE_BOXED_TYPE (PkioOutboxEntry, pkio_outbox_entry,
                     pkio_outbox_entry_copy, pkio_outbox_entry_free)

enum {
  CHANGED,
  AUTO_FLUSHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const state_names[] = {
  [PKIO_OUTBOX_STATE_QUEUED] = "queued",
  [PKIO_OUTBOX_STATE_SENDING] = "sending",
  [PKIO_OUTBOX_STATE_SENT] = "sent",
  [PKIO_OUTBOX_STATE_FAILED] = "failed",
  [PKIO_OUTBOX_STATE_NEEDS_PAYMENT] = "needs-payment",
  [PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN] = "outcome-unknown",
};

/**
 * pkio_outbox_state_to_string:
 *
 * Returns: the state's stable name, as stored and as `outbox list` prints it
 */
const char *
pkio_outbox_state_to_string (PkioOutboxState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

static PkioOutboxState
state_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_strcmp0 (state_names[i], name) == 0)
        return i;
    }

  /* Unknown to this version: the safe reading is that it may have gone. */
  return PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN;
}

/**
 * pkio_outbox_state_get_label:
 *
 * Returns: the state for people, translated
 */
const char *
pkio_outbox_state_get_label (PkioOutboxState state)
{
  switch (state)
    {
    case PKIO_OUTBOX_STATE_QUEUED:
      return _("Queued");
    case PKIO_OUTBOX_STATE_SENDING:
      return _("Sending");
    case PKIO_OUTBOX_STATE_SENT:
      return _("Sent");
    case PKIO_OUTBOX_STATE_FAILED:
      return _("Failed");
    case PKIO_OUTBOX_STATE_NEEDS_PAYMENT:
      return _("Needs payment details");
    case PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN:
      return _("Outcome unknown");
    default:
      g_return_val_if_reached (NULL);
    }
}

PkioOutboxEntry *
pkio_outbox_entry_copy (const PkioOutboxEntry *self)
{
  PkioOutboxEntry *copy = g_new0 (PkioOutboxEntry, 1);

  copy->id = g_strdup (self->id);
  copy->state = self->state;
  copy->reason = g_strdup (self->reason);
  copy->created = self->created ? g_date_time_ref (self->created) : NULL;
  copy->sent_at = self->sent_at ? g_date_time_ref (self->sent_at) : NULL;
  copy->applicant = g_strdup (self->applicant);
  copy->email = g_strdup (self->email);
  copy->payment_method = self->payment_method;
  copy->order_id = self->order_id;
  copy->certificate_id = self->certificate_id;
  copy->reconciled = self->reconciled;
  copy->candidates = g_array_copy (self->candidates);
  copy->order = self->order ? json_node_copy (self->order) : NULL;
  copy->practice = self->practice;

  return copy;
}

/**
 * pkio_outbox_entry_dup_found:
 *
 * Returns: (transfer full) (nullable): what reconciliation found, for
 *   people: the orders found in the account, or that none was; %NULL
 *   when the entry was not reconciled
 */
char *
pkio_outbox_entry_dup_found (const PkioOutboxEntry *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->state != PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN || !self->reconciled)
    return NULL;
  if (self->candidates->len == 0)
    return g_strdup (_("No matching order was found in the account."));

  out = g_string_new (_("Orders found in the account:"));
  for (guint i = 0; i < self->candidates->len; i++)
    g_string_append_printf (out, " %" G_GINT64_FORMAT, g_array_index (self->candidates, gint64, i));

  return g_string_free (out, FALSE);
}

void
pkio_outbox_entry_free (PkioOutboxEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->reason);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->sent_at, g_date_time_unref);
  g_free (self->applicant);
  g_free (self->email);
  g_clear_pointer (&self->candidates, g_array_unref);
  g_clear_pointer (&self->order, json_node_unref);
  g_free (self);
}

void
pkio_outbox_report_free (PkioOutboxReport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->sent, g_ptr_array_unref);
  g_clear_pointer (&self->failed, g_ptr_array_unref);
  g_clear_pointer (&self->outcome_unknown, g_ptr_array_unref);
  g_clear_pointer (&self->needs_payment, g_ptr_array_unref);
  g_clear_pointer (&self->queued, g_ptr_array_unref);
  g_clear_pointer (&self->sending, g_ptr_array_unref);
  g_free (self);
}

static PkioOutboxEntry *
entry_new (void)
{
  PkioOutboxEntry *entry = g_new0 (PkioOutboxEntry, 1);

  entry->candidates = g_array_new (FALSE, FALSE, sizeof (gint64));

  return entry;
}

static void
set_reason (PkioOutboxEntry *entry,
            const char      *reason)
{
  g_free (entry->reason);
  entry->reason = g_strdup (reason);
}

static PkioStoreRecord *
entry_to_record (const PkioOutboxEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) meta = NULL;

  json_builder_begin_object (builder);
  _pkio_store_records_add_string (builder, "state", pkio_outbox_state_to_string (entry->state));
  _pkio_store_records_add_string (builder, "reason", entry->reason);
  _pkio_store_records_add_date (builder, "created", entry->created);
  _pkio_store_records_add_date (builder, "sent_at", entry->sent_at);
  _pkio_store_records_add_string (builder, "applicant", entry->applicant);
  _pkio_store_records_add_string (builder, "email", entry->email);
  _pkio_store_records_add_string (builder, "payment_method",
                                  entry->payment_method == PKIO_PAYMENT_METHOD_CARD ? "card" : "balance");
  _pkio_store_records_add_int (builder, "order_id", entry->order_id);
  _pkio_store_records_add_int (builder, "certificate_id", entry->certificate_id);
  _pkio_store_records_add_boolean (builder, "reconciled", entry->reconciled);
  json_builder_set_member_name (builder, "candidates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->candidates->len; i++)
    json_builder_add_int_value (builder, g_array_index (entry->candidates, gint64, i));
  json_builder_end_array (builder);
  _pkio_store_records_add_boolean (builder, "practice", entry->practice);
  json_builder_end_object (builder);
  meta = json_builder_get_root (builder);

  return pkio_store_record_new (entry->id, meta, entry->order);
}

static PkioOutboxEntry *
entry_from_record (const PkioStoreRecord *record)
{
  JsonObject *meta = json_node_get_object (record->meta);
  PkioOutboxEntry *entry = entry_new ();
  JsonArray *candidates = NULL;

  entry->id = g_strdup (record->id);
  entry->state = state_from_string (json_object_get_string_member_with_default (meta, "state", NULL));
  entry->reason = _pkio_store_records_dup_string (meta, "reason");
  entry->created = _pkio_store_records_get_date (meta, "created");
  entry->sent_at = _pkio_store_records_get_date (meta, "sent_at");
  entry->applicant = _pkio_store_records_dup_string (meta, "applicant");
  entry->email = _pkio_store_records_dup_string (meta, "email");
  entry->payment_method = g_strcmp0 (json_object_get_string_member_with_default (meta, "payment_method", NULL),
                                     "card") == 0
                          ? PKIO_PAYMENT_METHOD_CARD : PKIO_PAYMENT_METHOD_BALANCE;
  entry->order_id = json_object_get_int_member_with_default (meta, "order_id", 0);
  entry->certificate_id = json_object_get_int_member_with_default (meta, "certificate_id", 0);
  entry->reconciled = json_object_get_boolean_member_with_default (meta, "reconciled", FALSE);
  if (json_object_has_member (meta, "candidates") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (meta, "candidates")))
    candidates = json_object_get_array_member (meta, "candidates");
  for (guint i = 0; candidates != NULL && i < json_array_get_length (candidates); i++)
    {
      gint64 id = json_array_get_int_element (candidates, i);

      g_array_append_val (entry->candidates, id);
    }
  entry->order = record->order ? json_node_copy (record->order) : NULL;
  /* Records from before version 2 have no such field: they are real. */
  entry->practice = json_object_get_boolean_member_with_default (meta, "practice", FALSE);

  return entry;
}

static void
put_entry (PkioOutbox      *self,
           PkioOutboxEntry *entry)
{
  g_hash_table_replace (self->entries, entry->id, entry);
}

static void
emit_changed (PkioOutbox *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Writes the entry as it is in memory now; @callback gets the store's
 * result. */
static void
save_entry (PkioOutbox            *self,
            const PkioOutboxEntry *entry,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  g_autoptr(PkioStoreRecord) record = entry_to_record (entry);

  pkio_store_save_async (self->store, PKIO_STORE_KIND_OUTBOX, record, NULL, callback, user_data);
}

/* When an order is queued and when the network comes back are compared:
 * both are read here. */
static GDateTime *
outbox_now (PkioOutbox *self)
{
  return self->clock ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
}

static void
cancel_settle (PkioOutbox *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
}

static void
pkio_outbox_dispose (GObject *object)
{
  PkioOutbox *self = (PkioOutbox *) object;

  g_clear_pointer (&self->network_back, g_date_time_unref);

  cancel_settle (self);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (pkio_outbox_parent_class)->dispose (object);
}

static void
pkio_outbox_finalize (GObject *object)
{
  PkioOutbox *self = (PkioOutbox *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);

  G_OBJECT_CLASS (pkio_outbox_parent_class)->finalize (object);
}

static void
pkio_outbox_class_init (PkioOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_outbox_dispose;
  object_class->finalize = pkio_outbox_finalize;

  /**
   * PkioOutbox::changed:
   *
   * An entry was added, changed or removed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PkioOutbox::auto-flushed:
   * @report: (type gpointer): a #PkioOutboxReport, valid during emission
   *
   * The network came back and the outbox was sent; the window tells the
   * user what went (a notification).
   */
  signals[AUTO_FLUSHED] = g_signal_new ("auto-flushed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
pkio_outbox_init (PkioOutbox *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) pkio_outbox_entry_free);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * pkio_outbox_new:
 * @store: an opened store
 * @history: where sent orders go
 */
PkioOutbox *
pkio_outbox_new (PkioStore   *store,
                 PkioHistory *history)
{
  PkioOutbox *self;

  g_return_val_if_fail (PKIO_IS_STORE (store), NULL);
  g_return_val_if_fail (PKIO_IS_HISTORY (history), NULL);

  self = g_object_new (PKIO_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  self->history = g_object_ref (history);

  return self;
}

/**
 * pkio_outbox_set_account:
 * @account: (nullable): the account that sends
 *
 * The outbox sends with the account's client as it is at each send: a key
 * added or changed, another address, practice mode turned on or off are
 * followed without telling the outbox.
 */
void
pkio_outbox_set_account (PkioOutbox  *self,
                         PkioAccount *account)
{
  g_return_if_fail (PKIO_IS_OUTBOX (self));
  g_return_if_fail (!account || PKIO_IS_ACCOUNT (account));

  g_set_object (&self->account, account);
}

/**
 * pkio_outbox_set_client:
 * @client: (nullable): the client that sends when no account is set (a
 *   test's, the benchmark's); %NULL forgets it
 */
void
pkio_outbox_set_client (PkioOutbox *self,
                        PkioClient *client)
{
  g_return_if_fail (PKIO_IS_OUTBOX (self));
  g_return_if_fail (!client || PKIO_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

/**
 * pkio_outbox_get_practice:
 *
 * Returns: whether practice mode is on (the account's mode): new entries
 *   are practice entries, and only practice entries are sent (to the
 *   simulator)
 */
gboolean
pkio_outbox_get_practice (PkioOutbox *self)
{
  g_return_val_if_fail (PKIO_IS_OUTBOX (self), FALSE);

  if (self->account != NULL)
    return pkio_account_get_practice (self->account);

  return self->client != NULL && pkio_client_get_practice (self->client);
}

/* The client for the mode the account is in, asked each time rather than
 * kept: the key, the address and practice mode change while the outbox
 * lives. */
static PkioClient *
current_client (PkioOutbox *self)
{
  if (self->account != NULL)
    return pkio_account_get_has_api_key (self->account)
           ? pkio_account_get_client (self->account) : NULL;

  return self->client;
}

/**
 * pkio_outbox_get_client:
 *
 * Returns: (transfer none) (nullable): the client for the mode the app is
 *   in: the practice simulator's in practice mode, otherwise CertCentral's
 */
PkioClient *
pkio_outbox_get_client (PkioOutbox *self)
{
  g_return_val_if_fail (PKIO_IS_OUTBOX (self), NULL);

  return current_client (self);
}

/* Whether @entry may go out now, with which client. */
static PkioClient *
client_for_entry (PkioOutbox             *self,
                  const PkioOutboxEntry  *entry,
                  GError                **error)
{
  gboolean practice = pkio_outbox_get_practice (self);
  PkioClient *client;

  if (entry->practice && !practice)
    {
      g_set_error_literal (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_PRACTICE_MISMATCH,
                           _("This order was queued in practice mode, so it only ever goes to "
                             "the practice simulator. Turn practice mode on to send it."));
      return NULL;
    }
  if (!entry->practice && practice)
    {
      g_set_error_literal (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_PRACTICE_MISMATCH,
                           _("This is a real order for CertCentral: it is not sent while "
                             "practice mode is on."));
      return NULL;
    }

  client = current_client (self);
  if (client == NULL)
    g_set_error_literal (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NO_CLIENT,
                         _("No API key is set, so nothing can be sent."));

  return client;
}

PkioHistory *
pkio_outbox_get_history (PkioOutbox *self)
{
  g_return_val_if_fail (PKIO_IS_OUTBOX (self), NULL);

  return self->history;
}

/**
 * pkio_outbox_get_busy:
 *
 * Returns: whether a flush or a send is under way
 */
gboolean
pkio_outbox_get_busy (PkioOutbox *self)
{
  g_return_val_if_fail (PKIO_IS_OUTBOX (self), FALSE);

  return self->flushing || g_hash_table_size (self->in_flight) > 0;
}

/**
 * pkio_outbox_dup_entries:
 *
 * Returns: (transfer container) (element-type PkioOutboxEntry): the
 *   entries, oldest first; borrowed until the outbox changes
 */
GPtrArray *
pkio_outbox_dup_entries (PkioOutbox *self)
{
  g_return_val_if_fail (PKIO_IS_OUTBOX (self), NULL);

  return _pkio_store_records_dup_sorted (self->entries,
                                         G_STRUCT_OFFSET (PkioOutboxEntry, created), FALSE);
}

const PkioOutboxEntry *
pkio_outbox_lookup (PkioOutbox *self,
                    const char *id)
{
  g_return_val_if_fail (PKIO_IS_OUTBOX (self), NULL);

  return g_hash_table_lookup (self->entries, id);
}

/* Sent: into the history, then out of the outbox, in that order so that a
 * crash in between leaves the entry "sent" in the outbox, which the next
 * load moves on again. */
typedef struct
{
  char             *id;
  PkioClient       *client;     /* chosen when the send began, for the entry's mode */
  JsonNode         *body;       /* what is POSTed; may hold card details */
  gboolean          card;       /* @body is this send's own, with the card details */
  PkioOrderReceipt *receipt;
  GError           *error;      /* the send's own error, returned at the end */
  gboolean          claimed;    /* holds the store's claim on the record */
  PkioOutboxEntry  *previous;   /* (nullable) the entry before the send, to put back */
} SendData;

/* The card number and CVV in a request body, wiped before it is freed. */
static void
wipe_card_details (JsonNode *body)
{
  const char *members[] = { "number", "cvv" };
  JsonObject *card;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      !json_object_has_member (json_node_get_object (body), "credit_card"))
    return;

  card = json_object_get_object_member (json_node_get_object (body), "credit_card");
  for (guint i = 0; card != NULL && i < G_N_ELEMENTS (members); i++)
    {
      char *text;

      if (!json_object_has_member (card, members[i]))
        continue;
      text = (char *) json_object_get_string_member (card, members[i]);
      if (text != NULL)
        pkio_wipe_string (text);
    }
}

static void
clear_body (SendData *data)
{
  if (data->card)
    wipe_card_details (data->body);
  g_clear_pointer (&data->body, json_node_unref);
}

static void
send_data_free (SendData *data)
{
  g_free (data->id);
  g_clear_pointer (&data->previous, pkio_outbox_entry_free);
  g_clear_object (&data->client);
  clear_body (data);
  g_clear_pointer (&data->receipt, pkio_order_receipt_free);
  g_clear_error (&data->error);
  g_free (data);
}

/* Ends a send; like every function handed a task, it owns it. */
static void
finish_send (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  PkioOutbox *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  g_hash_table_remove (self->in_flight, data->id);
  if (data->claimed)
    pkio_store_release_async (self->store, PKIO_STORE_KIND_OUTBOX, data->id, NULL, NULL, NULL);
  emit_changed (self);

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else if (data->receipt != NULL)
    g_task_return_pointer (task, g_steal_pointer (&data->receipt),
                           (GDestroyNotify) pkio_order_receipt_free);
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
sent_deleted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Here and below: a full disk or a read-only folder is the machine's
   * state, not a bug, so a message rather than a warning; what is on disk
   * stays on the safe side (never "queued" for an order that went out). */
  if (!pkio_store_delete_finish (PKIO_STORE (object), result, &error))
    g_message ("A sent order stays in the outbox: %s", error->message);
  else
    g_hash_table_remove (self->entries, data->id);

  finish_send (g_steal_pointer (&task));
}

static void
sent_history_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_history_add_finish (PKIO_HISTORY (object), result, &error))
    {
      /* Kept as "sent" in the outbox, so nothing is lost or resent. */
      g_message ("A sent order could not be added to the history: %s", error->message);
      finish_send (g_steal_pointer (&task));
      return;
    }

  pkio_store_delete_async (self->store, PKIO_STORE_KIND_OUTBOX, data->id, NULL,
                           sent_deleted_cb, g_steal_pointer (&task));
}

static void
move_to_history (PkioOutbox *self,
                 GTask      *task_in)
{
  g_autoptr(GTask) task = task_in;
  SendData *data = g_task_get_task_data (task);
  PkioOutboxEntry *entry = g_hash_table_lookup (self->entries, data->id);
  PkioHistoryEntry history_entry = { 0 };

  g_assert (entry != NULL && entry->state == PKIO_OUTBOX_STATE_SENT);

  history_entry.id = entry->id;
  history_entry.order_id = entry->order_id;
  history_entry.certificate_id = entry->certificate_id;
  history_entry.applicant = entry->applicant;
  history_entry.email = entry->email;
  history_entry.date = entry->sent_at ? entry->sent_at : entry->created;
  history_entry.product = (char *) PKIO_PRODUCT_NAME_ID;
  history_entry.status = (char *) "pending";
  history_entry.practice = entry->practice;

  pkio_history_add_async (self->history, &history_entry, NULL, sent_history_cb,
                          g_steal_pointer (&task));
}

static void
sent_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* If "sent" did not reach the disk, the file still says "sending": the
   * next start reads that as outcome unknown, which cannot resend. */
  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    g_message ("Could not record a sent order: %s", error->message);

  move_to_history (self, g_steal_pointer (&task));
}

static void
failed_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    g_message ("Could not record an order's state: %s", error->message);

  finish_send (g_steal_pointer (&task));
}

/* What a failed POST means for the order. Only an error that says nothing
 * reached CertCentral, or that CertCentral refused the order, rules out
 * that it exists; anything else may have placed it. */
static PkioOutboxState
state_after_error (const GError *error)
{
  if (error->domain != PKIO_CLIENT_ERROR)
    return PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN;

  switch ((PkioClientError) error->code)
    {
    case PKIO_CLIENT_ERROR_NETWORK:
      return PKIO_OUTBOX_STATE_QUEUED;

    case PKIO_CLIENT_ERROR_UNAUTHORIZED:
    case PKIO_CLIENT_ERROR_PERMISSION:
    case PKIO_CLIENT_ERROR_VALIDATION:
    case PKIO_CLIENT_ERROR_NOT_FOUND:
    case PKIO_CLIENT_ERROR_RATE_LIMITED:
    case PKIO_CLIENT_ERROR_SERVER:
    case PKIO_CLIENT_ERROR_TLS:
      return PKIO_OUTBOX_STATE_FAILED;

    case PKIO_CLIENT_ERROR_TIMEOUT:
    case PKIO_CLIENT_ERROR_BAD_RESPONSE:
    case PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN:
    default:
      return PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN;
    }
}

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  PkioOutboxEntry *entry = g_hash_table_lookup (self->entries, data->id);
  g_autoptr(GError) error = NULL;

  g_assert (entry != NULL);

  /* The card details are not needed any more. */
  clear_body (data);

  data->receipt = pkio_client_submit_order_finish (PKIO_CLIENT (object), result, &error);
  if (data->receipt != NULL)
    {
      entry->state = PKIO_OUTBOX_STATE_SENT;
      entry->order_id = data->receipt->id;
      entry->certificate_id = data->receipt->certificate_id;
      set_reason (entry, NULL);
      save_entry (self, entry, sent_saved_cb, g_steal_pointer (&task));
      return;
    }

  entry->state = state_after_error (error);
  if (entry->state == PKIO_OUTBOX_STATE_QUEUED &&
      entry->payment_method == PKIO_PAYMENT_METHOD_CARD)
    entry->state = PKIO_OUTBOX_STATE_NEEDS_PAYMENT;
  if (entry->state == PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN)
    {
      entry->reconciled = FALSE;
      g_array_set_size (entry->candidates, 0);
    }
  set_reason (entry, error->message);
  data->error = g_steal_pointer (&error);
  save_entry (self, entry, failed_saved_cb, g_steal_pointer (&task));
}

static void
sending_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  PkioOutboxEntry *entry = g_hash_table_lookup (self->entries, data->id);
  g_autoptr(GError) error = NULL;

  g_assert (entry != NULL);

  /* Nothing is sent that is not first marked as being sent. */
  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    {
      put_entry (self, g_steal_pointer (&data->previous));
      data->error = g_steal_pointer (&error);
      finish_send (g_steal_pointer (&task));
      return;
    }

  emit_changed (self);
  pkio_client_submit_order_async (data->client, data->body, NULL, submit_cb,
                                  g_steal_pointer (&task));
}

static void
claimed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(PkioStoreRecord) record = NULL;
  g_autoptr(PkioOutboxEntry) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  PkioOutboxEntry *entry;

  record = pkio_store_claim_finish (PKIO_STORE (object), result, &error);
  if (g_error_matches (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NOT_FOUND))
    {
      /* Sent, or removed, by another PKIo Order since this one looked. */
      g_hash_table_remove (self->entries, data->id);
      data->error = g_error_new_literal (PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NOT_FOUND,
                                         _("This order is not in the outbox any more: it was "
                                           "sent or removed elsewhere."));
      finish_send (g_steal_pointer (&task));
      return;
    }
  if (record == NULL)
    {
      if (g_error_matches (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_BUSY))
        {
          PkioOutboxEntry *busy = g_hash_table_lookup (self->entries, data->id);

          /* Another process is sending it: shown so until it is done. */
          if (busy != NULL)
            busy->state = PKIO_OUTBOX_STATE_SENDING;
          data->error = g_error_new_literal (PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_BUSY,
                                             error->message);
        }
      else
        data->error = g_steal_pointer (&error);
      finish_send (g_steal_pointer (&task));
      return;
    }
  data->claimed = TRUE;

  entry = g_hash_table_lookup (self->entries, data->id);
  on_disk = entry_from_record (record);
  if (entry == NULL || on_disk->state != entry->state || on_disk->reconciled != entry->reconciled)
    {
      /* Changed by another process: show that, and let the user look again. */
      put_entry (self, g_steal_pointer (&on_disk));
      data->error = g_error_new_literal (PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_BUSY,
                                         _("This order was changed by another PKIo Order. "
                                           "Look at it again before sending."));
      finish_send (g_steal_pointer (&task));
      return;
    }

  entry->state = PKIO_OUTBOX_STATE_SENDING;
  g_clear_pointer (&entry->sent_at, g_date_time_unref);
  entry->sent_at = g_date_time_new_now_utc ();
  save_entry (self, entry, sending_saved_cb, g_steal_pointer (&task));
}

/**
 * pkio_outbox_send_async:
 * @card_order: (nullable): for a card order, the order with the card
 *   details the user just entered; they are sent and not kept
 * @flags: %PKIO_OUTBOX_SEND_RESEND_CONFIRMED to send an entry whose outcome
 *   is unknown again, after reconciliation and the user's decision
 *
 * Sends one entry: queued, failed (Retry), needing payment (with
 * @card_order), or outcome unknown when confirmed. The entry is written
 * as "sending" before the POST.
 */
void
pkio_outbox_send_async (PkioOutbox          *self,
                        const char          *id,
                        PkioOrder           *card_order,
                        PkioOutboxSendFlags  flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PkioOutboxEntry *entry;
  PkioClient *client;
  SendData *data;
  GError *error = NULL;

  g_return_if_fail (PKIO_IS_OUTBOX (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (!card_order || PKIO_IS_ORDER (card_order));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_outbox_send_async);
  /* Once the POST may have gone, only its answer decides the state. */
  g_task_set_check_cancellable (task, FALSE);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NOT_FOUND,
                               _("This order is not in the outbox."));
      return;
    }
  client = client_for_entry (self, entry, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_hash_table_contains (self->in_flight, id) || entry->state == PKIO_OUTBOX_STATE_SENDING)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_BUSY,
                               _("This order is being sent already."));
      return;
    }
  if (entry->state == PKIO_OUTBOX_STATE_SENT)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_ALREADY_SENT,
                               _("This order was sent already."));
      return;
    }
  if (entry->state == PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN &&
      (!(flags & PKIO_OUTBOX_SEND_RESEND_CONFIRMED) || !entry->reconciled))
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_OUTCOME_UNKNOWN,
                               _("This order may have been placed already. Check the account’s "
                                 "orders first, then decide whether to send it again."));
      return;
    }
  if (entry->payment_method == PKIO_PAYMENT_METHOD_CARD &&
      (card_order == NULL || !pkio_order_validate_step (card_order, PKIO_ORDER_STEP_PAYMENT, NULL)))
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NEEDS_PAYMENT,
                               _("This order is paid by card: enter the card details to send "
                                 "it."));
      return;
    }
  if (entry->order == NULL)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NOT_FOUND,
                               _("This outbox entry holds no order."));
      return;
    }

  data = g_new0 (SendData, 1);
  data->id = g_strdup (id);
  data->client = g_object_ref (client);
  /* A draft body is the request body without the card details, which
   * balance orders do not have. */
  data->body = card_order ? pkio_order_to_json (card_order, PKIO_ORDER_JSON_REQUEST)
                          : json_node_copy (entry->order);
  data->card = card_order != NULL;
  data->previous = pkio_outbox_entry_copy (entry);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  g_hash_table_add (self->in_flight, g_strdup (id));
  pkio_store_claim_async (self->store, PKIO_STORE_KIND_OUTBOX, id, NULL, claimed_cb,
                          g_steal_pointer (&task));
}

/**
 * pkio_outbox_send_finish:
 *
 * Returns: (transfer full): CertCentral's receipt; %NULL with the client's
 *   error (the entry's state says what it means) or the outbox's
 */
PkioOrderReceipt *
pkio_outbox_send_finish (PkioOutbox    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
enqueue_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  const char *id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    {
      g_hash_table_remove (self->entries, id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  emit_changed (self);
  g_task_return_pointer (task, g_strdup (id), g_free);
}

/**
 * pkio_outbox_enqueue_async:
 *
 * Puts @order in the outbox (its draft form: no card number, no CVV):
 * queued when paid from the balance, waiting for payment details when
 * paid by card. The entry's id is the order's identity, and the outbox
 * holds one entry per identity: an order already in the outbox fails with
 * %PKIO_OUTBOX_ERROR_ALREADY_QUEUED, one already placed with
 * %PKIO_OUTBOX_ERROR_ALREADY_SENT, and neither is queued again. Only an
 * entry CertCentral refused (failed) is replaced, by the corrected order.
 */
void
pkio_outbox_enqueue_async (PkioOutbox          *self,
                           PkioOrder           *order,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  PkioOutboxEntry *entry;
  const PkioOutboxEntry *existing;
  const char *identity;
  const char *first;
  const char *last;

  g_return_if_fail (PKIO_IS_OUTBOX (self));
  g_return_if_fail (PKIO_IS_ORDER (order));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_outbox_enqueue_async);

  identity = pkio_order_get_identity (order);
  /* A refused order (failed) was not placed: corrected, it replaces its
   * entry. Any other entry may be sent, or may have been. */
  existing = g_hash_table_lookup (self->entries, identity);
  if (existing != NULL && existing->state != PKIO_OUTBOX_STATE_FAILED)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_ALREADY_QUEUED,
                               /* Translators: %s is a state, such as "Queued" */
                               _("This order is in the outbox already (%s): it is not queued "
                                 "twice."),
                               pkio_outbox_state_get_label (existing->state));
      g_object_unref (task);
      return;
    }
  if (self->history != NULL && pkio_history_lookup (self->history, identity) != NULL)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_ALREADY_SENT, "%s",
                               _("This order was placed already: it is not queued again."));
      g_object_unref (task);
      return;
    }

  entry = entry_new ();
  entry->id = g_strdup (identity);
  entry->created = outbox_now (self);
  entry->payment_method = pkio_order_get_payment_method (order);
  entry->state = entry->payment_method == PKIO_PAYMENT_METHOD_CARD
                 ? PKIO_OUTBOX_STATE_NEEDS_PAYMENT : PKIO_OUTBOX_STATE_QUEUED;
  first = pkio_order_get_text (order, PKIO_ORDER_TEXT_FIRST_NAME);
  last = pkio_order_get_text (order, PKIO_ORDER_TEXT_LAST_NAME);
  entry->applicant = g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));
  entry->email = g_strdup (pkio_order_get_text (order, PKIO_ORDER_TEXT_EMAIL));
  entry->order = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
  /* For good: a practice order is never sent to CertCentral later. */
  entry->practice = pkio_outbox_get_practice (self);
  g_task_set_task_data (task, g_strdup (entry->id), g_free);

  put_entry (self, entry);
  save_entry (self, entry, enqueue_saved_cb, task);
}

/**
 * pkio_outbox_enqueue_finish:
 *
 * Returns: (transfer full): the new entry's id, the order's identity
 */
char *
pkio_outbox_enqueue_finish (PkioOutbox    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Load: entries left "sending" by a crash become outcome unknown, and
 * entries left "sent" are moved on to the history; load finishes when all
 * of that is on disk. Only by whoever gets the entry's claim: a process
 * still sending it holds the claim, and its entry is left alone. */
typedef struct
{
  guint      pending;
  GPtrArray *problems;
  GError    *error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
load_step_done (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    {
      g_object_unref (task);
      return;
    }

  emit_changed (g_task_get_source_object (task));
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->problems),
                           (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

/* One entry found "sending" or "sent" on disk, being checked. */
typedef struct
{
  GTask *task;    /* the load's */
  char  *id;
} LoadCheck;

static void
load_check_free (LoadCheck *check)
{
  g_clear_object (&check->task);
  g_free (check->id);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadCheck, load_check_free)

static void
load_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LoadCheck) check = user_data;
  PkioOutbox *self = g_task_get_source_object (check->task);
  LoadData *data = g_task_get_task_data (check->task);
  g_autoptr(GError) error = NULL;

  /* The entry is outcome unknown in memory either way, which is what
   * matters for not sending it again; a read-only or full disk must not
   * keep the outbox from being listed. The next load tries again. */
  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    g_ptr_array_add (data->problems, g_strdup (error->message));

  pkio_store_release_async (self->store, PKIO_STORE_KIND_OUTBOX, check->id, NULL, NULL, NULL);
  load_step_done (g_steal_pointer (&check->task));
}

static void
load_moved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;    /* the load's; load_step_done takes it */

  /* finish_send ran; its error, if any, is the history's or the store's
   * and was logged: the entry stays "sent" and is tried at the next load. */
  g_task_propagate_pointer (G_TASK (result), NULL);
  load_step_done (task);
}

static void
load_claimed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LoadCheck) check = user_data;
  PkioOutbox *self = g_task_get_source_object (check->task);
  g_autoptr(PkioStoreRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  PkioOutboxEntry *entry;

  record = pkio_store_claim_finish (PKIO_STORE (object), result, &error);
  if (record == NULL)
    {
      /* Gone: the process that sent it moved it to the history. Busy: that
       * process is still at it, and its entry stays as it is. */
      if (g_error_matches (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NOT_FOUND))
        g_hash_table_remove (self->entries, check->id);
      else if (!g_error_matches (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_BUSY))
        g_debug ("Could not check outbox entry %s: %s", check->id, error->message);
      load_step_done (g_steal_pointer (&check->task));
      return;
    }

  /* Under the claim, the file is the truth. */
  entry = entry_from_record (record);
  put_entry (self, entry);
  if (entry->state == PKIO_OUTBOX_STATE_SENDING)
    {
      entry->state = PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN;
      entry->reconciled = FALSE;
      set_reason (entry, _("PKIo Order stopped while this order was being sent."));
      save_entry (self, entry, load_saved_cb, g_steal_pointer (&check));
    }
  else if (entry->state == PKIO_OUTBOX_STATE_SENT)
    {
      GTask *move = g_task_new (self, NULL, load_moved_cb, g_steal_pointer (&check->task));
      SendData *send_data = g_new0 (SendData, 1);

      send_data->id = g_strdup (entry->id);
      send_data->claimed = TRUE;
      g_task_set_task_data (move, send_data, (GDestroyNotify) send_data_free);
      g_hash_table_add (self->in_flight, g_strdup (entry->id));
      move_to_history (self, move);
    }
  else
    {
      pkio_store_release_async (self->store, PKIO_STORE_KIND_OUTBOX, check->id, NULL, NULL,
                                NULL);
      load_step_done (g_steal_pointer (&check->task));
    }
}

/* Entries another process was sending when this one last looked, and
 * whose file is gone now: placed, and moved to the history by that
 * process. */
static void
drop_sent_elsewhere (PkioOutbox *self,
                     GPtrArray  *records)
{
  g_autoptr(GHashTable) on_disk = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < records->len; i++)
    g_hash_table_add (on_disk, ((PkioStoreRecord *) g_ptr_array_index (records, i))->id);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PkioOutboxEntry *entry = value;

      if (entry->state == PKIO_OUTBOX_STATE_SENDING &&
          !g_hash_table_contains (self->in_flight, key) &&
          !g_hash_table_contains (on_disk, key))
        g_hash_table_iter_remove (&iter);
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = pkio_store_load_all_finish (PKIO_STORE (object), result, &data->problems, &error);
  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  drop_sent_elsewhere (self, records);
  data->pending = 1;
  for (guint i = 0; i < records->len; i++)
    {
      PkioOutboxEntry *entry = entry_from_record (g_ptr_array_index (records, i));

      PkioOutboxEntry *known = g_hash_table_lookup (self->entries, entry->id);

      /* Already known here: what is in memory is newer than the file,
       * unless it was another process's to send. */
      if (known != NULL &&
          (known->state != PKIO_OUTBOX_STATE_SENDING ||
           g_hash_table_contains (self->in_flight, entry->id)))
        {
          pkio_outbox_entry_free (entry);
          continue;
        }

      put_entry (self, entry);
      if (entry->state == PKIO_OUTBOX_STATE_SENDING || entry->state == PKIO_OUTBOX_STATE_SENT)
        {
          LoadCheck *check = g_new0 (LoadCheck, 1);

          check->task = g_object_ref (task);
          check->id = g_strdup (entry->id);
          data->pending++;
          pkio_store_claim_async (self->store, PKIO_STORE_KIND_OUTBOX, entry->id, NULL,
                                  load_claimed_cb, check);
        }
    }

  load_step_done (g_steal_pointer (&task));
}

/**
 * pkio_outbox_load_async:
 *
 * Reads the outbox. An entry found "sending" (the app stopped during its
 * POST) becomes "outcome unknown" on disk before this finishes.
 */
void
pkio_outbox_load_async (PkioOutbox          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PKIO_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_outbox_load_async);
  g_task_set_task_data (task, g_new0 (LoadData, 1), (GDestroyNotify) load_data_free);
  pkio_store_load_all_async (self->store, PKIO_STORE_KIND_OUTBOX, cancellable, load_cb, task);
}

/**
 * pkio_outbox_load_finish:
 * @problems: (out) (optional) (transfer full): files set aside, for people
 */
gboolean
pkio_outbox_load_finish (PkioOutbox    *self,
                         GAsyncResult  *result,
                         GPtrArray    **problems,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *found;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (problems != NULL)
    *problems = found ? found : g_ptr_array_new_with_free_func (g_free);
  else if (found != NULL)
    g_ptr_array_unref (found);

  return TRUE;
}

typedef struct
{
  char      *id;
  JsonArray *found;    /* (nullable) what the account holds, once searched */
} ReconcileData;

static void
reconcile_data_free (ReconcileData *data)
{
  g_free (data->id);
  g_clear_pointer (&data->found, json_array_unref);
  g_free (data);
}

static void
reconcile_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReconcileData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    g_message ("Could not record what reconciliation found: %s", error->message);

  emit_changed (g_task_get_source_object (task));
  g_task_return_pointer (task, g_steal_pointer (&data->found), (GDestroyNotify) json_array_unref);
}

static void
reconcile_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  ReconcileData *data = g_task_get_task_data (task);
  PkioOutboxEntry *entry = g_hash_table_lookup (self->entries, data->id);
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = pkio_client_find_orders_finish (PKIO_CLIENT (object), result, &error);
  if (found == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (entry == NULL)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NOT_FOUND,
                               _("This order is not in the outbox."));
      return;
    }

  g_array_set_size (entry->candidates, 0);
  for (guint i = 0; i < json_array_get_length (found); i++)
    {
      JsonNode *node = json_array_get_element (found, i);
      gint64 order_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      order_id = json_object_get_int_member_with_default (json_node_get_object (node), "id", 0);
      if (order_id > 0)
        g_array_append_val (entry->candidates, order_id);
    }
  entry->reconciled = TRUE;

  data->found = g_steal_pointer (&found);
  save_entry (self, entry, reconcile_saved_cb, g_steal_pointer (&task));
}

/**
 * pkio_outbox_reconcile_async:
 *
 * Looks in the account for orders of this applicant's email made since
 * just before the entry was sent. What is found is kept with the entry
 * (candidates) for the user to decide: pkio_outbox_mark_sent_async() with
 * the order that is theirs, or a confirmed resend.
 */
void
pkio_outbox_reconcile_async (PkioOutbox          *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) since = NULL;
  PkioOutboxEntry *entry;
  PkioClient *client;
  ReconcileData *data;
  GError *error = NULL;

  g_return_if_fail (PKIO_IS_OUTBOX (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_outbox_reconcile_async);
  data = g_new0 (ReconcileData, 1);
  data->id = g_strdup (id);
  g_task_set_task_data (task, data, (GDestroyNotify) reconcile_data_free);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL || entry->state != PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NOT_FOUND,
                               _("This order is not waiting to be checked."));
      return;
    }
  /* The simulator's orders say nothing of CertCentral's, and the other
   * way round: each entry is looked for where it was sent. */
  client = client_for_entry (self, entry, &error);
  if (client == NULL)
    {
      if (g_error_matches (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NO_CLIENT))
        {
          g_clear_error (&error);
          error = g_error_new_literal (PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NO_CLIENT,
                                       _("No API key is set, so the account cannot be "
                                         "searched."));
        }
      g_task_return_error (task, error);
      return;
    }
  if (entry->email == NULL || entry->email[0] == '\0')
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NO_EMAIL,
                               _("This order has no email address to search the account by. "
                                 "Look for it in CertCentral before sending it again."));
      return;
    }

  since = g_date_time_add (entry->sent_at ? entry->sent_at : entry->created, -RECONCILE_MARGIN);
  pkio_client_find_orders_async (client, entry->email, since, cancellable,
                                 reconcile_found_cb, g_steal_pointer (&task));
}

/**
 * pkio_outbox_reconcile_finish:
 *
 * Returns: (transfer full): the orders found, as CertCentral lists them
 */
JsonArray *
pkio_outbox_reconcile_finish (PkioOutbox    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mark_sent_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SendData *data = g_task_get_task_data (task);
  PkioOutbox *self = g_task_get_source_object (task);

  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    {
      data->error = g_steal_pointer (&error);
      finish_send (g_steal_pointer (&task));
      return;
    }

  move_to_history (self, g_steal_pointer (&task));
}

/**
 * pkio_outbox_mark_sent_async:
 * @order_id: the order the user recognised as this one
 *
 * The user's answer to reconciliation: this order was placed as
 * @order_id. The entry moves to the history.
 */
void
pkio_outbox_mark_sent_async (PkioOutbox          *self,
                             const char          *id,
                             gint64               order_id,
                             gint64               certificate_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PkioOutboxEntry *entry;
  SendData *data;

  g_return_if_fail (PKIO_IS_OUTBOX (self));
  g_return_if_fail (order_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_outbox_mark_sent_async);
  g_task_set_check_cancellable (task, FALSE);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NOT_FOUND,
                               _("This order is not in the outbox."));
      return;
    }
  if (g_hash_table_contains (self->in_flight, id))
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_BUSY,
                               _("This order is being sent already."));
      return;
    }

  data = g_new0 (SendData, 1);
  data->id = g_strdup (id);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  g_hash_table_add (self->in_flight, g_strdup (id));

  entry->state = PKIO_OUTBOX_STATE_SENT;
  entry->order_id = order_id;
  entry->certificate_id = certificate_id;
  set_reason (entry, NULL);
  save_entry (self, entry, mark_sent_saved_cb, g_steal_pointer (&task));
}

gboolean
pkio_outbox_mark_sent_finish (PkioOutbox    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PkioOrderReceipt) unused = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  unused = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_store_delete_finish (PKIO_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_remove (self->entries, g_task_get_task_data (task));
  emit_changed (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * pkio_outbox_remove_async:
 *
 * Discards an entry the user no longer wants sent.
 */
void
pkio_outbox_remove_async (PkioOutbox          *self,
                          const char          *id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_outbox_remove_async);
  g_task_set_task_data (task, g_strdup (id), g_free);

  if (!g_hash_table_contains (self->entries, id))
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NOT_FOUND,
                               _("This order is not in the outbox."));
      return;
    }
  if (g_hash_table_contains (self->in_flight, id))
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_BUSY,
                               _("This order is being sent already."));
      return;
    }

  pkio_store_delete_async (self->store, PKIO_STORE_KIND_OUTBOX, id, cancellable, remove_cb,
                           g_steal_pointer (&task));
}

gboolean
pkio_outbox_remove_finish (PkioOutbox    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Flush: first every unknown outcome is looked up, then queued balance
 * orders go one by one (the client's rate limiter spaces them); a network
 * failure stops the round, since the rest would fail the same way. */
typedef struct
{
  GPtrArray        *to_reconcile;   /* ids */
  GPtrArray        *to_send;        /* ids */
  gboolean          practice;       /* the mode of this round */
  GDateTime        *queued_before;  /* (nullable) only what was queued earlier */
  guint             next;
  PkioOutboxReport *report;
  GHashTable       *reasons;        /* id → why it was not sent, in this round */
  char             *stop_reason;    /* (nullable) why the round stopped early */
} FlushData;

static void
flush_data_free (FlushData *data)
{
  g_clear_pointer (&data->to_reconcile, g_ptr_array_unref);
  g_clear_pointer (&data->to_send, g_ptr_array_unref);
  g_clear_pointer (&data->report, pkio_outbox_report_free);
  g_clear_pointer (&data->queued_before, g_date_time_unref);
  g_clear_pointer (&data->reasons, g_hash_table_unref);
  g_free (data->stop_reason);
  g_free (data);
}

static void flush_next (GTask *task);

static void
flush_finish (GTask *task)
{
  PkioOutbox *self = g_task_get_source_object (task);
  FlushData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) entries = pkio_outbox_dup_entries (self);

  for (guint i = 0; i < entries->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (entries, i);
      GPtrArray *list = NULL;

      if (entry->practice != data->practice)
        continue;

      switch (entry->state)
        {
        case PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN:
          list = data->report->outcome_unknown;
          break;
        case PKIO_OUTBOX_STATE_SENDING:
          list = data->report->sending;
          break;
        case PKIO_OUTBOX_STATE_NEEDS_PAYMENT:
          list = data->report->needs_payment;
          break;
        case PKIO_OUTBOX_STATE_QUEUED:
          list = data->report->queued;
          break;
        case PKIO_OUTBOX_STATE_SENT:
        case PKIO_OUTBOX_STATE_FAILED:
        default:
          break;
        }
      if (list != NULL)
        {
          PkioOutboxEntry *copy = pkio_outbox_entry_copy (entry);

          /* A queued entry's reason on disk is an earlier round's ("could
           * not be reached" yesterday): the report says this round's. An
           * unknown outcome or a card waiting keeps the reason that is
           * still true. */
          if (entry->state == PKIO_OUTBOX_STATE_QUEUED)
            {
              const char *reason = g_hash_table_lookup (data->reasons, entry->id);

              set_reason (copy, reason ? reason : data->stop_reason);
            }
          g_ptr_array_add (list, copy);
        }
    }

  self->flushing = FALSE;
  g_task_return_pointer (task, g_steal_pointer (&data->report),
                         (GDestroyNotify) pkio_outbox_report_free);
  g_object_unref (task);
}

static void
flush_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  PkioOutbox *self = g_task_get_source_object (task);
  FlushData *data = g_task_get_task_data (task);
  const char *id = g_ptr_array_index (data->to_send, data->next - 1);
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  PkioOutboxEntry *entry;

  receipt = pkio_outbox_send_finish (self, result, &error);
  entry = g_hash_table_lookup (self->entries, id);
  if (error != NULL)
    g_hash_table_replace (data->reasons, g_strdup (id), g_strdup (error->message));
  if (receipt != NULL)
    {
      PkioOutboxEntry *sent;
      const PkioHistoryEntry *history_entry = pkio_history_lookup (self->history, id);

      /* The outbox entry is gone; the report keeps what was sent. */
      sent = entry ? pkio_outbox_entry_copy (entry) : entry_new ();
      if (sent->id == NULL)
        {
          sent->id = g_strdup (id);
          sent->state = PKIO_OUTBOX_STATE_SENT;
          sent->order_id = receipt->id;
          sent->certificate_id = receipt->certificate_id;
          if (history_entry != NULL)
            sent->applicant = g_strdup (history_entry->applicant);
        }
      g_ptr_array_add (data->report->sent, sent);
    }
  else if (entry != NULL && entry->state == PKIO_OUTBOX_STATE_FAILED)
    {
      g_ptr_array_add (data->report->failed, pkio_outbox_entry_copy (entry));
    }
  else if (g_error_matches (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NETWORK) ||
           g_error_matches (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NO_CLIENT))
    {
      data->stop_reason = g_strdup (error->message);
      flush_finish (task);
      return;
    }

  flush_next (task);
}

static void
flush_reconciled_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = pkio_outbox_reconcile_finish (PKIO_OUTBOX (object), result, &error);
  if (found == NULL)
    g_debug ("Reconciliation failed: %s", error->message);

  flush_next (task);
}

static void
flush_next (GTask *task)
{
  PkioOutbox *self = g_task_get_source_object (task);
  FlushData *data = g_task_get_task_data (task);

  if (data->to_reconcile->len > 0)
    {
      g_autofree char *id = g_ptr_array_steal_index (data->to_reconcile, 0);

      pkio_outbox_reconcile_async (self, id, NULL, flush_reconciled_cb, task);
      return;
    }

  while (data->next < data->to_send->len)
    {
      const char *id = g_ptr_array_index (data->to_send, data->next++);
      const PkioOutboxEntry *entry = g_hash_table_lookup (self->entries, id);

      /* Changed since the round began (sent or removed by the user). */
      if (entry == NULL || entry->state != PKIO_OUTBOX_STATE_QUEUED)
        continue;

      pkio_outbox_send_async (self, id, NULL, PKIO_OUTBOX_SEND_NONE, NULL, flush_sent_cb, task);
      return;
    }

  flush_finish (task);
}

static void
flush_start (PkioOutbox          *self,
             GDateTime           *queued_before,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task;
  FlushData *data;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean practice;
  gboolean have_client;

  g_return_if_fail (PKIO_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_outbox_flush_async);

  if (self->flushing)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_BUSY,
                               _("The outbox is being sent already."));
      g_object_unref (task);
      return;
    }

  data = g_new0 (FlushData, 1);
  data->to_reconcile = g_ptr_array_new_with_free_func (g_free);
  data->to_send = g_ptr_array_new_with_free_func (g_free);
  data->report = g_new0 (PkioOutboxReport, 1);
  data->report->sent = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_outbox_entry_free);
  data->report->failed = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_outbox_entry_free);
  data->report->outcome_unknown = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_outbox_entry_free);
  data->report->needs_payment = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_outbox_entry_free);
  data->report->queued = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_outbox_entry_free);
  data->reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->report->sending = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_outbox_entry_free);
  g_task_set_task_data (task, data, (GDestroyNotify) flush_data_free);

  /* Only the entries of the mode the app is in: practice orders go to the
   * simulator in practice mode, real ones to CertCentral outside it. */
  practice = pkio_outbox_get_practice (self);
  have_client = current_client (self) != NULL;
  data->practice = practice;
  data->queued_before = queued_before ? g_date_time_ref (queued_before) : NULL;

  entries = pkio_outbox_dup_entries (self);
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->practice != practice)
        continue;
      if (entry->state == PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN && !entry->reconciled &&
          have_client && entry->email != NULL)
        g_ptr_array_add (data->to_reconcile, g_strdup (entry->id));
      else if (entry->state == PKIO_OUTBOX_STATE_QUEUED &&
               entry->payment_method != PKIO_PAYMENT_METHOD_CARD &&
               (queued_before == NULL || entry->created == NULL ||
                g_date_time_compare (entry->created, queued_before) <= 0))
        g_ptr_array_add (data->to_send, g_strdup (entry->id));
    }

  self->flushing = TRUE;
  flush_next (task);
}

/**
 * pkio_outbox_flush_async:
 *
 * Reconciles every entry whose outcome is unknown (without deciding
 * anything), then sends the queued balance orders one at a time. Card
 * orders and unknown outcomes are reported, never sent. Only the entries
 * of the mode the app is in (practice or not) take part, and the report
 * holds only those.
 */
void
pkio_outbox_flush_async (PkioOutbox          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  flush_start (self, NULL, cancellable, callback, user_data);
}

/**
 * pkio_outbox_flush_finish:
 *
 * Returns: (transfer full): what the round did
 */
PkioOutboxReport *
pkio_outbox_flush_finish (PkioOutbox    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
auto_flush_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PkioOutbox *self = PKIO_OUTBOX (object);
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = pkio_outbox_flush_finish (self, result, &error);
  if (report == NULL)
    {
      g_debug ("Automatic outbox flush: %s", error->message);
      return;
    }

  if (report->sent->len > 0 || report->failed->len > 0)
    g_signal_emit (self, signals[AUTO_FLUSHED], 0, report);
}

static void
settled_cb (gpointer user_data)
{
  PkioOutbox *self = user_data;

  self->settle_source = 0;
  if (self->monitor == NULL || !g_network_monitor_get_network_available (self->monitor))
    return;
  if (self->flushing || current_client (self) == NULL)
    return;

  /* What waited for the network, not what someone queued since with
   * "Submit later": that waits for them, or the desk's scheduled flush. */
  flush_start (self, self->network_back, NULL, auto_flush_cb, NULL);
}

static void
network_changed_cb (PkioOutbox      *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  /* The monitor is a hint and flaps while a connection comes up: wait
   * until it has said "available" for a while before sending. It also
   * says "available" again on any route change: only a return counts. */
  if (available && self->network_up)
    return;
  cancel_settle (self);
  self->network_up = available;
  if (!available)
    return;

  g_clear_pointer (&self->network_back, g_date_time_unref);
  self->network_back = outbox_now (self);
  self->settle_source = g_timeout_add_once (self->settle_ms, settled_cb, self);
}

/**
 * pkio_outbox_watch_network:
 * @monitor: (nullable): usually g_network_monitor_get_default(); %NULL to stop
 * @settle_ms: how long the network must stay available before sending
 *
 * Sends the queued balance orders when the network comes back; see
 * #PkioOutbox::auto-flushed.
 */
void
pkio_outbox_watch_network (PkioOutbox      *self,
                           GNetworkMonitor *monitor,
                           guint            settle_ms)
{
  g_return_if_fail (PKIO_IS_OUTBOX (self));
  g_return_if_fail (!monitor || G_IS_NETWORK_MONITOR (monitor));

  cancel_settle (self);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_set_object (&self->monitor, monitor);
  self->settle_ms = settle_ms;
  self->network_up = FALSE;

  if (monitor == NULL)
    return;

  self->network_changed_id = g_signal_connect_object (monitor, "network-changed",
                                                      G_CALLBACK (network_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
  if (g_network_monitor_get_network_available (monitor))
    network_changed_cb (self, TRUE, monitor);
}

/**
 * _pkio_outbox_set_clock:
 * @clock: (nullable): gives a new #GDateTime for now; %NULL for the wall
 *   clock
 *
 * For tests: orders queued and the network's return are timed by @clock.
 */
void
_pkio_outbox_set_clock (PkioOutbox      *self,
                        PkioOutboxClock  clock,
                        gpointer         user_data)
{
  g_return_if_fail (PKIO_IS_OUTBOX (self));

  self->clock = clock;
  self->clock_data = user_data;
}

/**
 * _pkio_outbox_settle_now:
 *
 * For tests: the network, back and not gone since, has settled now, as
 * when its settle time has passed.
 *
 * Returns: whether the network was settling; if not, nothing happens
 */
gboolean
_pkio_outbox_settle_now (PkioOutbox *self)
{
  g_return_val_if_fail (PKIO_IS_OUTBOX (self), FALSE);

  if (self->settle_source == 0)
    return FALSE;

  g_clear_handle_id (&self->settle_source, g_source_remove);
  settled_cb (self);
  return TRUE;
}
