/* pkio-order-book.c
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

#include "pkio-order-book.h"
#include "pkio-record.h"

/* The orders of this computer: the store, and the drafts, history and
 * outbox on it, opened in the one order that works (the outbox moves sent
 * orders into the history, so the history loads first), with what keeps
 * them current: retention, sending when the network returns, and asking
 * CertCentral about pending orders with the account's client. The window,
 * the command line, the tests and the benchmark all open it this way. */
struct _PkioOrderBook
{
  GObject          parent_instance;

  PkioStore       *store;
  PkioAccount     *account;          /* (nullable) */
  PkioSettings    *settings;         /* (nullable) retention and autosave */
  PkioDraftStore  *drafts;
  PkioHistory     *history;
  PkioOutbox      *outbox;

  GNetworkMonitor *monitor;          /* set by pkio_order_book_watch() */
  PkioClient      *watched_client;   /* the poller's, to follow the account */
  gboolean         network_watched;
  gboolean         loaded;
};

G_DEFINE_FINAL_TYPE (PkioOrderBook, pkio_order_book, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROBLEMS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How the app keeps the outbox and the history current. */
#define SETTLE_MS     3000   /* "available" for this long before sending: the monitor flaps */
#define POLL_FIRST_S  30     /* half a minute after an order… */
#define POLL_MAX_S    600    /* …then ever less often, up to every ten minutes */

typedef struct
{
  guint pending;   /* parts still loading */
} OpenData;

static void
report (PkioOrderBook     *self,
        PkioOrderBookPart  part,
        GPtrArray         *problems)
{
  if (problems != NULL && problems->len > 0)
    g_signal_emit (self, signals[PROBLEMS], 0, (guint) part, problems);
}

static void
report_error (PkioOrderBook     *self,
              PkioOrderBookPart  part,
              const GError      *error)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (problems, g_strdup (error->message));
  report (self, part, problems);
}

static void
part_done (GTask *task)
{
  PkioOrderBook *self = g_task_get_source_object (task);
  OpenData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_task_return_boolean (task, TRUE);
}

/* The drafts or the outbox, loaded: their problems are reported, and the
 * opening goes on either way. */
static void
part_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOrderBook *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  PkioOrderBookPart part;
  gboolean loaded;

  if (PKIO_IS_DRAFT_STORE (object))
    {
      part = PKIO_ORDER_BOOK_PART_DRAFTS;
      loaded = pkio_draft_store_load_finish (self->drafts, result, &problems, &error);
    }
  else
    {
      part = PKIO_ORDER_BOOK_PART_OUTBOX;
      loaded = pkio_outbox_load_finish (self->outbox, result, &problems, &error);
    }

  if (!loaded)
    report_error (self, part, error);
  report (self, part, problems);
  part_done (task);
}

static void
retention_applied_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PkioOrderBook) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_history_remove_personal_data_finish (self->history, result, &error))
    report_error (self, PKIO_ORDER_BOOK_PART_HISTORY, error);
}

static void
history_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOrderBook *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint days = self->settings ? pkio_settings_get_history_retention_days (self->settings) : 0;

  if (!pkio_history_load_finish (self->history, result, &problems, &error))
    report_error (self, PKIO_ORDER_BOOK_PART_HISTORY, error);
  report (self, PKIO_ORDER_BOOK_PART_HISTORY, problems);

  /* Retention: personal details leave entries older than the setting. */
  if (days > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) before = g_date_time_add_days (now, -(int) days);

      pkio_history_remove_personal_data_async (self->history, before, cancellable,
                                               retention_applied_cb, g_object_ref (self));
    }

  /* The outbox moves sent orders into the history: it loads after it. */
  pkio_outbox_load_async (self->outbox, cancellable, part_loaded_cb, g_steal_pointer (&task));
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOrderBook *self = g_task_get_source_object (task);
  PkioOrderBookOpenFlags flags = GPOINTER_TO_UINT (g_task_get_task_data (task));
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  OpenData *data;

  /* In memory (no keyring): said, and the orders work for this session. */
  if (!pkio_store_open_finish (self->store, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          !pkio_store_get_opened (self->store))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      report_error (self, PKIO_ORDER_BOOK_PART_STORE, error);
    }

  data = g_new0 (OpenData, 1);
  data->pending = (flags & PKIO_ORDER_BOOK_OPEN_DRAFTS) ? 2 : 1;
  g_task_set_task_data (task, data, g_free);

  if (flags & PKIO_ORDER_BOOK_OPEN_DRAFTS)
    pkio_draft_store_load_async (self->drafts, cancellable, part_loaded_cb, g_object_ref (task));
  pkio_history_load_async (self->history, cancellable, history_loaded_cb, g_steal_pointer (&task));
}

/* The poller asks with the account's client as it is now, and the outbox
 * starts sending on the network's return once there is a key to send
 * with (the outbox itself always takes the account's current client). */
static void
update_watch (PkioOrderBook *self)
{
  PkioClient *client = NULL;

  if (self->monitor == NULL)
    return;

  if (self->account != NULL && pkio_account_get_has_api_key (self->account))
    client = pkio_account_get_client (self->account);
  if (client != self->watched_client)
    {
      g_set_object (&self->watched_client, client);
      pkio_history_watch_pending (self->history, client, POLL_FIRST_S, POLL_MAX_S);
    }

  if (client != NULL && !self->network_watched)
    {
      self->network_watched = TRUE;
      pkio_outbox_watch_network (self->outbox, self->monitor, SETTLE_MS);
    }
}

static void
auto_save_delay_cb (PkioOrderBook *self)
{
  pkio_draft_store_set_delay (self->drafts,
                              pkio_settings_get_auto_save_delay (self->settings) * 1000);
}

static void
pkio_order_book_dispose (GObject *object)
{
  PkioOrderBook *self = (PkioOrderBook *)object;

  /* Nothing keeps polling or sending for a book that is gone, even if a
   * view still holds the history or the outbox. */
  if (self->monitor != NULL)
    {
      pkio_outbox_watch_network (self->outbox, NULL, 0);
      pkio_history_watch_pending (self->history, NULL, 0, 0);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->watched_client);

  G_OBJECT_CLASS (pkio_order_book_parent_class)->dispose (object);
}

static void
pkio_order_book_finalize (GObject *object)
{
  PkioOrderBook *self = (PkioOrderBook *)object;

  g_clear_object (&self->outbox);
  g_clear_object (&self->history);
  g_clear_object (&self->drafts);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pkio_order_book_parent_class)->finalize (object);
}

static void
pkio_order_book_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PkioOrderBook *self = PKIO_ORDER_BOOK (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_order_book_class_init (PkioOrderBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_order_book_dispose;
  object_class->finalize = pkio_order_book_finalize;
  object_class->get_property = pkio_order_book_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PkioOrderBook::problems:
   * @part: the #PkioOrderBookPart they are about
   * @problems: (element-type utf8): messages for people: files set aside or
   *   waiting for the keyring, a store kept in memory, a load that failed
   *
   * Opening goes on after a problem: what could be read is there.
   */
  signals[PROBLEMS] =
    g_signal_new ("problems",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_PTR_ARRAY);
}

static void
pkio_order_book_init (PkioOrderBook *self)
{
}

/**
 * pkio_order_book_new:
 * @store: the store, not opened yet
 * @account: (nullable): whose client sends and asks; %NULL: none (a
 *   command that sends nothing)
 * @settings: (nullable): for history retention and the autosave delay;
 *   %NULL: no retention, drafts saved at once
 *
 * Returns: (transfer full): a book to open with pkio_order_book_open_async()
 */
PkioOrderBook *
pkio_order_book_new (PkioStore    *store,
                     PkioAccount  *account,
                     PkioSettings *settings)
{
  PkioOrderBook *self;

  g_return_val_if_fail (PKIO_IS_STORE (store), NULL);
  g_return_val_if_fail (!account || PKIO_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (!settings || PKIO_IS_SETTINGS (settings), NULL);

  self = g_object_new (PKIO_TYPE_ORDER_BOOK, NULL);
  self->store = g_object_ref (store);
  self->account = account ? g_object_ref (account) : NULL;
  self->settings = settings ? g_object_ref (settings) : NULL;

  self->drafts = pkio_draft_store_new (store, 0);
  self->history = pkio_history_new (store);
  self->outbox = pkio_outbox_new (store, self->history);
  pkio_outbox_set_account (self->outbox, account);

  if (settings != NULL)
    {
      g_signal_connect_object (settings, "notify::auto-save-delay",
                               G_CALLBACK (auto_save_delay_cb), self, G_CONNECT_SWAPPED);
      auto_save_delay_cb (self);
    }
  if (account != NULL)
    g_signal_connect_object (account, "changed", G_CALLBACK (update_watch), self,
                             G_CONNECT_SWAPPED);

  return self;
}

PkioStore *
pkio_order_book_get_store (PkioOrderBook *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), NULL);

  return self->store;
}

/**
 * pkio_order_book_get_account:
 *
 * Returns: (transfer none) (nullable): the account the outbox sends with
 */
PkioAccount *
pkio_order_book_get_account (PkioOrderBook *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), NULL);

  return self->account;
}

PkioDraftStore *
pkio_order_book_get_drafts (PkioOrderBook *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), NULL);

  return self->drafts;
}

PkioHistory *
pkio_order_book_get_history (PkioOrderBook *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), NULL);

  return self->history;
}

PkioOutbox *
pkio_order_book_get_outbox (PkioOrderBook *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), NULL);

  return self->outbox;
}

/**
 * pkio_order_book_get_loaded:
 *
 * Returns: whether opening finished: the drafts (if asked for), the
 *   history and the outbox are loaded
 */
gboolean
pkio_order_book_get_loaded (PkioOrderBook *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), FALSE);

  return self->loaded;
}

/**
 * pkio_order_book_open_async:
 * @flags: what to load beside the history and the outbox
 *
 * Opens the store, then loads the drafts and the history side by side,
 * then the outbox (which moves sent orders into the history), and applies
 * the history's retention. Problems are reported by #PkioOrderBook::problems
 * as they are found, and opening goes on.
 */
void
pkio_order_book_open_async (PkioOrderBook          *self,
                            PkioOrderBookOpenFlags  flags,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_ORDER_BOOK (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_order_book_open_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (flags), NULL);
  pkio_store_open_async (self->store, cancellable, store_opened_cb, g_steal_pointer (&task));
}

/**
 * pkio_order_book_open_finish:
 *
 * Returns: %FALSE if the store cannot be used at all, or on cancellation
 */
gboolean
pkio_order_book_open_finish (PkioOrderBook  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pkio_order_book_watch:
 * @monitor: (nullable): usually g_network_monitor_get_default(); %NULL stops
 *
 * While the app runs: queued orders go out when the network returns, and
 * pending orders' statuses are asked for, with the account's client as it
 * is at each moment (a key added, practice turned on).
 */
void
pkio_order_book_watch (PkioOrderBook   *self,
                       GNetworkMonitor *monitor)
{
  g_return_if_fail (PKIO_IS_ORDER_BOOK (self));
  g_return_if_fail (!monitor || G_IS_NETWORK_MONITOR (monitor));

  if (monitor == NULL)
    {
      if (self->monitor != NULL)
        {
          pkio_outbox_watch_network (self->outbox, NULL, 0);
          pkio_history_watch_pending (self->history, NULL, 0, 0);
        }
      g_clear_object (&self->monitor);
      g_clear_object (&self->watched_client);
      self->network_watched = FALSE;
      return;
    }

  g_set_object (&self->monitor, monitor);
  update_watch (self);
}

/**
 * pkio_order_book_get_identity_state:
 * @identity: an order's identity (#PkioOrder:identity)
 *
 * Returns: where the order is: in the history (placed), in the outbox (by
 *   its state), or nowhere yet
 */
PkioOrderBookIdentity
pkio_order_book_get_identity_state (PkioOrderBook *self,
                                    const char    *identity)
{
  const PkioOutboxEntry *entry;

  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), PKIO_ORDER_BOOK_IDENTITY_NEW);

  if (identity == NULL)
    return PKIO_ORDER_BOOK_IDENTITY_NEW;
  if (pkio_history_lookup (self->history, identity) != NULL)
    return PKIO_ORDER_BOOK_IDENTITY_PLACED;

  entry = pkio_outbox_lookup (self->outbox, identity);
  if (entry == NULL)
    return PKIO_ORDER_BOOK_IDENTITY_NEW;

  switch (entry->state)
    {
    case PKIO_OUTBOX_STATE_QUEUED:
    case PKIO_OUTBOX_STATE_NEEDS_PAYMENT:
      return PKIO_ORDER_BOOK_IDENTITY_QUEUED;
    case PKIO_OUTBOX_STATE_SENDING:
      return PKIO_ORDER_BOOK_IDENTITY_SENDING;
    case PKIO_OUTBOX_STATE_SENT:
      return PKIO_ORDER_BOOK_IDENTITY_PLACED;
    case PKIO_OUTBOX_STATE_FAILED:
      return PKIO_ORDER_BOOK_IDENTITY_NEW;
    case PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN:
    default:
      return PKIO_ORDER_BOOK_IDENTITY_UNKNOWN;
    }
}

/**
 * pkio_order_book_dup_identities:
 *
 * Returns: (transfer full) (element-type utf8): the identity of every
 *   order in the outbox or the history: a draft of any of them is closed
 */
GPtrArray *
pkio_order_book_dup_identities (PkioOrderBook *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) placed = NULL;
  GPtrArray *identities;

  g_return_val_if_fail (PKIO_IS_ORDER_BOOK (self), NULL);

  entries = pkio_outbox_dup_entries (self->outbox);
  placed = pkio_history_dup_entries (self->history);
  identities = g_ptr_array_new_full (entries->len + placed->len, g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (identities, g_strdup (entry->id));
    }
  for (guint i = 0; i < placed->len; i++)
    {
      const PkioHistoryEntry *entry = g_ptr_array_index (placed, i);

      g_ptr_array_add (identities, g_strdup (entry->id));
    }

  return identities;
}

/* The same person: the same email, or the same first and last name. */
static gboolean
same_person (const char *email,
             const char *name,
             const char *other_email,
             const char *other_name)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (email != NULL && other_email != NULL && g_ascii_strcasecmp (email, other_email) == 0)
    return TRUE;
  if (name == NULL || other_name == NULL)
    return FALSE;

  a = g_utf8_casefold (name, -1);
  b = g_utf8_casefold (other_name, -1);

  return g_strcmp0 (a, b) == 0;
}

static gboolean
status_is_settled_without_certificate (const char *status)
{
  static const char * const gone[] = { "canceled", "rejected", "revoked", "expired", NULL };

  return status != NULL && g_strv_contains (gone, status);
}

static char *
describe_date (GDateTime *date)
{
  return date ? g_date_time_format (date, "%x") : g_strdup ("?");
}

typedef struct
{
  GPtrArray *found;   /* (element-type utf8) for people */
} SameData;

static void
same_data_free (SameData *data)
{
  g_clear_pointer (&data->found, g_ptr_array_unref);
  g_free (data);
}

/* Whether @record is another order of the same person, of the mode the
 * account is in, from @since on: the same fields, whatever its kind. */
static gboolean
is_same_applicant (PkioRecord *record,
                   const char *identity,
                   gboolean    practice,
                   const char *email,
                   const char *name,
                   GDateTime  *since)
{
  GDateTime *date = pkio_record_get_date (record);

  return g_strcmp0 (pkio_record_get_id (record), identity) != 0 &&
         pkio_record_get_practice (record) == practice &&
         (date == NULL || g_date_time_compare (date, since) >= 0) &&
         same_person (email, name, pkio_record_get_email (record),
                      pkio_record_get_applicant (record));
}

/* Queued, being sent or placed (not failed, nor settled without a
 * certificate): what a second order would pay for again. */
static char *
describe_same_applicant (PkioRecord *record)
{
  const PkioOutboxEntry *queued = pkio_record_get_outbox_entry (record);
  const PkioHistoryEntry *placed = pkio_record_get_history_entry (record);
  const char *applicant = pkio_record_get_applicant (record);
  const char *email = pkio_record_get_email (record);
  g_autofree char *date = describe_date (pkio_record_get_date (record));
  g_autofree char *number = NULL;

  if (queued != NULL && queued->state != PKIO_OUTBOX_STATE_FAILED)
    /* Translators: an order found for the same applicant: name,
     * email, the outbox state ("Queued") and the date it was queued */
    return g_strdup_printf (_("%s (%s): in the outbox, %s, since %s"),
                            applicant ? applicant : "", email ? email : "",
                            pkio_outbox_state_get_label (queued->state), date);
  if (placed == NULL || status_is_settled_without_certificate (placed->status))
    return NULL;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, placed->order_id);
  /* Translators: an order found for the same applicant: name, email,
   * CertCentral's order number and the date it was placed */
  return g_strdup_printf (_("%s (%s): order %s, placed on %s"),
                          applicant ? applicant : "", email ? email : "", number, date);
}

static void
find_same_local (PkioOrderBook *self,
                 const char    *identity,
                 const char    *email,
                 const char    *name,
                 GDateTime     *since,
                 GPtrArray     *found)
{
  gboolean practice = pkio_outbox_get_practice (self->outbox);
  g_autoptr(GPtrArray) queued = pkio_outbox_dup_entries (self->outbox);
  g_autoptr(GPtrArray) placed = pkio_history_dup_entries (self->history);
  struct { PkioRecordKind kind; GPtrArray *entries; } lists[] = {
    { PKIO_RECORD_KIND_OUTBOX, queued },
    { PKIO_RECORD_KIND_HISTORY, placed },
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l].entries->len; i++)
      {
        g_autoptr(PkioRecord) record = pkio_record_new (lists[l].kind,
                                                        g_ptr_array_index (lists[l].entries, i));
        char *description;

        if (is_same_applicant (record, identity, practice, email, name, since) &&
            (description = describe_same_applicant (record)) != NULL)
          g_ptr_array_add (found, description);
      }
}

static void
same_remote_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioOrderBook *self = g_task_get_source_object (task);
  SameData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) placed = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = pkio_client_find_orders_finish (PKIO_CLIENT (object), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  /* Without an answer (no network, say) what this desk knows is asked
   * about; the outbox still never sends one order twice. */
  if (found == NULL)
    g_debug ("The account's orders could not be listed: %s", error->message);

  placed = pkio_history_dup_entries (self->history);
  for (guint i = 0; found != NULL && i < json_array_get_length (found); i++)
    {
      JsonNode *element = json_array_get_element (found, i);
      JsonObject *order;
      gint64 id;
      const char *status;
      const char *created;
      g_autofree char *number = NULL;
      gboolean known = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      order = json_node_get_object (element);
      id = json_object_get_int_member_with_default (order, "id", 0);
      status = json_object_get_string_member_with_default (order, "status", NULL);
      created = json_object_get_string_member_with_default (order, "date_created", "?");
      if (status_is_settled_without_certificate (status))
        continue;
      /* Placed from here: listed already, from the history. */
      for (guint j = 0; j < placed->len; j++)
        if (((PkioHistoryEntry *) g_ptr_array_index (placed, j))->order_id == id)
          known = TRUE;
      if (known)
        continue;

      number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_ptr_array_add (data->found,
                       /* Translators: an order found in the CertCentral account: its
                        * number, its status ("pending") and when it was made */
                       g_strdup_printf (_("order %s in the CertCentral account, %s, made %s"),
                                        number, status ? status : "?", created));
    }

  g_task_return_pointer (task, g_steal_pointer (&data->found), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * pkio_order_book_find_same_applicant_async:
 * @order: the order about to be placed
 *
 * Two clerks, or one twice, can start separate orders for one person:
 * looks for the same applicant (same email, or same first and last name)
 * among the orders queued, being sent or placed in the last year, in the
 * outbox, the history and, with the account's client, CertCentral's list
 * of orders. An unreachable CertCentral leaves out only its part.
 */
void
pkio_order_book_find_same_applicant_async (PkioOrderBook       *self,
                                           PkioOrder           *order,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_years (now, -1);
  const char *email;
  const char *first;
  const char *last;
  g_autofree char *name = NULL;
  SameData *data;

  g_return_if_fail (PKIO_IS_ORDER_BOOK (self));
  g_return_if_fail (PKIO_IS_ORDER (order));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_order_book_find_same_applicant_async);
  data = g_new0 (SameData, 1);
  data->found = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) same_data_free);

  email = pkio_order_get_text (order, PKIO_ORDER_TEXT_EMAIL);
  first = pkio_order_get_text (order, PKIO_ORDER_TEXT_FIRST_NAME);
  last = pkio_order_get_text (order, PKIO_ORDER_TEXT_LAST_NAME);
  if (first != NULL && last != NULL)
    name = g_strdup_printf ("%s %s", first, last);

  find_same_local (self, pkio_order_get_identity (order), email, name, since, data->found);

  if (email == NULL || self->account == NULL || !pkio_account_get_has_api_key (self->account))
    {
      g_task_return_pointer (task, g_steal_pointer (&data->found),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  pkio_client_find_orders_async (pkio_account_get_client (self->account), email, since,
                                 cancellable, same_remote_cb, g_steal_pointer (&task));
}

/**
 * pkio_order_book_find_same_applicant_finish:
 *
 * Returns: (transfer full) (element-type utf8): what was found, for people
 *   (empty when nothing was); %NULL on cancellation
 */
GPtrArray *
pkio_order_book_find_same_applicant_finish (PkioOrderBook  *self,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
