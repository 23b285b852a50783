/* pkio-history.c
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

#include "pkio-history.h"
#include "pkio-history-private.h"
#include "pkio-store-records-private.h"

struct _PkioHistory
{
  GObject     parent_instance;

  PkioStore  *store;
  GHashTable *entries;   /* id → PkioHistoryEntry */

  /* Refreshing pending orders now and then, less often while nothing
   * changes */
  PkioClient *watch_client;
  guint       watch_source;
  GPtrArray  *watch_queue;   /* ids still to refresh in this round */
  guint       watch_first;   /* seconds: the first wait, and after a change */
  guint       watch_max;     /* seconds: the longest wait */
  guint       watch_interval; /* seconds: the wait before the next round */
  gboolean    watch_changed; /* a status changed in this round */
};

G_DEFINE_FINAL_TYPE (PkioHistory, pkio_history, G_TYPE_OBJECT)

G_DEFINE_QUARK (pkio-history-error-quark, pkio_history_error)

G_DEFINE_BOXED_TYPE (PkioHistoryEntry, pkio_history_entry,
                     pkio_history_entry_copy, pkio_history_entry_free)

enum {
  CHANGED,
  STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

PkioHistoryEntry *
pkio_history_entry_copy (const PkioHistoryEntry *self)
{
  PkioHistoryEntry *copy = g_new0 (PkioHistoryEntry, 1);

  copy->id = g_strdup (self->id);
  copy->order_id = self->order_id;
  copy->certificate_id = self->certificate_id;
  copy->applicant = g_strdup (self->applicant);
  copy->email = g_strdup (self->email);
  copy->date = self->date ? g_date_time_ref (self->date) : NULL;
  copy->product = g_strdup (self->product);
  copy->status = g_strdup (self->status);
  copy->practice = self->practice;

  return copy;
}

void
pkio_history_entry_free (PkioHistoryEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->applicant);
  g_free (self->email);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->product);
  g_free (self->status);
  g_free (self);
}

/**
 * pkio_history_entry_is_pending:
 *
 * Returns: whether CertCentral may still change the order's status, so it
 *   is worth asking again (needs_approval counts as pending)
 */
gboolean
pkio_history_entry_is_pending (const PkioHistoryEntry *self)
{
  static const char * const settled[] = {
    "issued", "rejected", "revoked", "canceled", "expired", NULL
  };

  g_return_val_if_fail (self != NULL, FALSE);

  return self->status == NULL || !g_strv_contains (settled, self->status);
}

static PkioStoreRecord *
entry_to_record (const PkioHistoryEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) meta = NULL;

  json_builder_begin_object (builder);
  _pkio_store_records_add_int (builder, "order_id", entry->order_id);
  _pkio_store_records_add_int (builder, "certificate_id", entry->certificate_id);
  _pkio_store_records_add_string (builder, "applicant", entry->applicant);
  _pkio_store_records_add_string (builder, "email", entry->email);
  _pkio_store_records_add_date (builder, "date", entry->date);
  _pkio_store_records_add_string (builder, "product", entry->product);
  _pkio_store_records_add_string (builder, "status", entry->status);
  _pkio_store_records_add_boolean (builder, "practice", entry->practice);
  json_builder_end_object (builder);
  meta = json_builder_get_root (builder);

  return pkio_store_record_new (entry->id, meta, NULL);
}

static PkioHistoryEntry *
entry_from_record (const PkioStoreRecord *record)
{
  JsonObject *meta = json_node_get_object (record->meta);
  PkioHistoryEntry *entry = g_new0 (PkioHistoryEntry, 1);

  entry->id = g_strdup (record->id);
  entry->order_id = json_object_get_int_member_with_default (meta, "order_id", 0);
  entry->certificate_id = json_object_get_int_member_with_default (meta, "certificate_id", 0);
  entry->applicant = _pkio_store_records_dup_string (meta, "applicant");
  entry->email = _pkio_store_records_dup_string (meta, "email");
  entry->product = _pkio_store_records_dup_string (meta, "product");
  entry->status = _pkio_store_records_dup_string (meta, "status");
  entry->date = _pkio_store_records_get_date (meta, "date");
  /* Records from before version 2 have no such field: they are real. */
  entry->practice = json_object_get_boolean_member_with_default (meta, "practice", FALSE);

  return entry;
}

/* On the store's worker thread. */
static gpointer
map_record (PkioStoreRecord *record)
{
  return entry_from_record (record);
}

static void
pkio_history_finalize (GObject *object)
{
  PkioHistory *self = (PkioHistory *) object;

  g_clear_handle_id (&self->watch_source, g_source_remove);
  g_clear_object (&self->watch_client);
  g_clear_pointer (&self->watch_queue, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (pkio_history_parent_class)->finalize (object);
}

static void
pkio_history_class_init (PkioHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_history_finalize;

  /**
   * PkioHistory::changed:
   *
   * Entries were added, changed or loaded.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PkioHistory::status-changed:
   * @id: the entry's id
   * @old_status: (nullable): CertCentral's status as it was known
   * @new_status: the status CertCentral gave now
   *
   * A refresh found a new status for an order; emitted once it is kept.
   */
  signals[STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
pkio_history_init (PkioHistory *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) pkio_history_entry_free);
}

PkioHistory *
pkio_history_new (PkioStore *store)
{
  PkioHistory *self;

  g_return_val_if_fail (PKIO_IS_STORE (store), NULL);

  self = g_object_new (PKIO_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);

  return self;
}

static void watch_schedule (PkioHistory *self);

static void
put_entry (gpointer owner,
           gpointer item)
{
  PkioHistory *self = owner;
  PkioHistoryEntry *entry = item;

  /* The key is the entry's own id, so replacing frees the old key too. */
  g_hash_table_replace (self->entries, entry->id, entry);
}

/**
 * pkio_history_dup_entries:
 *
 * Returns: (transfer container) (element-type PkioHistoryEntry): the
 *   entries, newest first; borrowed until the history changes
 */
GPtrArray *
pkio_history_dup_entries (PkioHistory *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY (self), NULL);

  return _pkio_store_records_dup_sorted (self->entries,
                                         G_STRUCT_OFFSET (PkioHistoryEntry, date), TRUE);
}

const PkioHistoryEntry *
pkio_history_lookup (PkioHistory *self,
                     const char  *id)
{
  g_return_val_if_fail (PKIO_IS_HISTORY (self), NULL);

  return g_hash_table_lookup (self->entries, id);
}

void
pkio_history_load_async (PkioHistory         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PKIO_IS_HISTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_load_async);
  _pkio_store_records_load (self->store, PKIO_STORE_KIND_HISTORY, map_record,
                            (GDestroyNotify) pkio_history_entry_free, put_entry, signals[CHANGED],
                            task);
}

/**
 * pkio_history_load_finish:
 * @problems: (out) (optional) (transfer full): files set aside, for people
 */
gboolean
pkio_history_load_finish (PkioHistory   *self,
                          GAsyncResult  *result,
                          GPtrArray    **problems,
                          GError       **error)
{
  return _pkio_store_records_load_finish (self, result, problems, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioHistory *self = g_task_get_source_object (task);

  if (_pkio_store_records_save_failed (object, result, task))
    return;

  g_signal_emit (self, signals[CHANGED], 0);
  g_task_return_boolean (task, TRUE);
}

/* Writes one entry as it is now in memory, finishing @task. */
static void
save_entry (PkioHistory            *self,
            const PkioHistoryEntry *entry,
            GTask                  *task)
{
  g_autoptr(PkioStoreRecord) record = entry_to_record (entry);

  pkio_store_save_async (self->store, PKIO_STORE_KIND_HISTORY, record,
                         g_task_get_cancellable (task), saved_cb, task);
}

/**
 * pkio_history_add_async:
 *
 * Adds or replaces the entry with @entry's id: adding the same order twice
 * (as the outbox does when it recovers from a crash) keeps one entry.
 */
void
pkio_history_add_async (PkioHistory            *self,
                        const PkioHistoryEntry *entry,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  GTask *task;
  PkioHistoryEntry *copy;

  g_return_if_fail (PKIO_IS_HISTORY (self));
  g_return_if_fail (entry != NULL && entry->id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_add_async);

  copy = pkio_history_entry_copy (entry);
  put_entry (self, copy);
  /* A new order is followed closely again. */
  if (pkio_history_entry_is_pending (copy) && self->watch_client != NULL &&
      self->watch_interval > self->watch_first)
    {
      self->watch_interval = self->watch_first;
      if (self->watch_queue == NULL)
        watch_schedule (self);
    }
  save_entry (self, copy, task);
}

gboolean
pkio_history_add_finish (PkioHistory   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A practice order is only known to the simulator, and a real one only to
 * CertCentral: asking the other one would at best fail, and at worst act
 * on an unrelated order with the same number. */
static gboolean
check_target (const PkioHistoryEntry  *entry,
              PkioClient              *client,
              GError                 **error)
{
  gboolean practice_client = pkio_client_get_practice (client);

  if (entry->practice && !practice_client)
    {
      g_set_error_literal (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_PRACTICE_MISMATCH,
                           _("This order was placed in practice mode: only the practice "
                             "simulator knows it."));
      return FALSE;
    }
  if (!entry->practice && practice_client)
    {
      g_set_error_literal (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_PRACTICE_MISMATCH,
                           _("This order was placed with CertCentral: leave practice mode to "
                             "refresh or cancel it."));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char *id;
  char *old_status;   /* set when the status changed */
  char *new_status;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_free (data->id);
  g_free (data->old_status);
  g_free (data->new_status);
  g_free (data);
}

static void
refresh_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioHistory *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);

  if (_pkio_store_records_save_failed (object, result, task))
    return;

  g_signal_emit (self, signals[CHANGED], 0);
  if (data->new_status != NULL)
    {
      self->watch_changed = TRUE;
      g_signal_emit (self, signals[STATUS_CHANGED], 0, data->id, data->old_status,
                     data->new_status);
    }
  g_task_return_boolean (task, TRUE);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioHistory *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioStoreRecord) record = NULL;
  GCancellable *cancellable;
  PkioHistoryEntry *entry;
  JsonObject *order;
  JsonObject *certificate;
  const char *status;

  answer = pkio_client_get_order_finish (PKIO_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Removed meanwhile: nothing to update. */
  entry = g_hash_table_lookup (self->entries, data->id);
  if (entry == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  order = json_node_get_object (answer);
  status = json_object_get_string_member_with_default (order, "status", NULL);
  if (status != NULL && g_strcmp0 (status, entry->status) != 0)
    {
      data->old_status = g_steal_pointer (&entry->status);
      data->new_status = g_strdup (status);
      entry->status = g_strdup (status);
    }
  if (json_object_has_member (order, "certificate") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (order, "certificate")))
    {
      certificate = json_object_get_object_member (order, "certificate");
      if (entry->certificate_id == 0)
        entry->certificate_id = json_object_get_int_member_with_default (certificate, "id", 0);
    }

  record = entry_to_record (entry);
  cancellable = g_task_get_cancellable (task);
  pkio_store_save_async (self->store, PKIO_STORE_KIND_HISTORY, record, cancellable,
                         refresh_saved_cb, g_steal_pointer (&task));
}

/**
 * pkio_history_refresh_status_async:
 *
 * Asks CertCentral for the order's status (order info) and keeps it.
 */
void
pkio_history_refresh_status_async (PkioHistory         *self,
                                   const char          *id,
                                   PkioClient          *client,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  const PkioHistoryEntry *entry;
  RefreshData *data;
  GError *error = NULL;

  g_return_if_fail (PKIO_IS_HISTORY (self));
  g_return_if_fail (PKIO_IS_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_refresh_status_async);
  data = g_new0 (RefreshData, 1);
  data->id = g_strdup (id);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL || entry->order_id <= 0)
    {
      g_task_return_new_error (task, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NOT_FOUND,
                               _("This order is not in the history."));
      g_object_unref (task);
      return;
    }
  if (!check_target (entry, client, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  pkio_client_get_order_async (client, entry->order_id, cancellable, refresh_cb, task);
}

gboolean
pkio_history_refresh_status_finish (PkioHistory   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pkio_history_remove_personal_data_async:
 * @before: (nullable): only entries placed before this time; %NULL for all
 *
 * Drops the applicant's name and email from the entries, keeping the order
 * and certificate ids, the date and the status (the retention rule and the
 * "Remove personal data" action).
 */
void
pkio_history_remove_personal_data_async (PkioHistory         *self,
                                         GDateTime           *before,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (PKIO_IS_HISTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_remove_personal_data_async);
  _pkio_store_records_batch_begin (task, signals[CHANGED]);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PkioHistoryEntry *entry = value;
      g_autoptr(PkioStoreRecord) record = NULL;

      if (entry->applicant == NULL && entry->email == NULL)
        continue;
      if (before != NULL && entry->date != NULL && g_date_time_compare (entry->date, before) >= 0)
        continue;

      g_clear_pointer (&entry->applicant, g_free);
      g_clear_pointer (&entry->email, g_free);
      record = entry_to_record (entry);
      _pkio_store_records_batch_add (task);
      pkio_store_save_async (self->store, PKIO_STORE_KIND_HISTORY, record, cancellable,
                             _pkio_store_records_batch_saved_cb, g_object_ref (task));
    }

  _pkio_store_records_batch_end (g_steal_pointer (&task));
}

gboolean
pkio_history_remove_personal_data_finish (PkioHistory   *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioHistory *self = g_task_get_source_object (task);
  PkioHistoryEntry *entry;
  g_autoptr(GError) error = NULL;

  if (!pkio_client_cancel_order_finish (PKIO_CLIENT (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry = g_hash_table_lookup (self->entries, g_task_get_task_data (task));
  if (entry == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_free (entry->status);
  entry->status = g_strdup ("canceled");
  save_entry (self, entry, g_steal_pointer (&task));
}

/**
 * pkio_history_cancel_order_async:
 * @note: why, for CertCentral (it requires one)
 *
 * Cancels a pending order at CertCentral and records it. Ask the user
 * first: it cannot be undone.
 */
void
pkio_history_cancel_order_async (PkioHistory         *self,
                                 const char          *id,
                                 PkioClient          *client,
                                 const char          *note,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const PkioHistoryEntry *entry;
  GError *error = NULL;

  g_return_if_fail (PKIO_IS_HISTORY (self));
  g_return_if_fail (PKIO_IS_CLIENT (client));
  g_return_if_fail (note != NULL && note[0] != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_cancel_order_async);
  g_task_set_task_data (task, g_strdup (id), g_free);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL || entry->order_id <= 0)
    {
      g_task_return_new_error (task, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NOT_FOUND,
                               _("This order is not in the history."));
      return;
    }
  if (!check_target (entry, client, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  pkio_client_cancel_order_async (client, entry->order_id, note, cancellable, cancelled_cb,
                                  g_steal_pointer (&task));
}

gboolean
pkio_history_cancel_order_finish (PkioHistory   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void watch_next (PkioHistory *self);
static gboolean watch_tick_cb (gpointer user_data);

static void
watch_schedule (PkioHistory *self)
{
  g_clear_handle_id (&self->watch_source, g_source_remove);
  if (self->watch_client != NULL && self->watch_interval > 0)
    self->watch_source = g_timeout_add_seconds (self->watch_interval, watch_tick_cb, self);
}

/* The round is over: the next one comes sooner when something moved, and
 * ever later (up to the longest wait) while nothing does, failures
 * included, so that a quiet or unreachable CertCentral is asked less. */
static void
watch_round_done (PkioHistory *self)
{
  if (self->watch_changed)
    self->watch_interval = self->watch_first;
  else
    self->watch_interval = MIN (self->watch_interval * 2, self->watch_max);
  self->watch_changed = FALSE;
  watch_schedule (self);
}

static void
watch_refreshed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PkioHistory) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A failure (offline) waits for the next round. */
  if (!pkio_history_refresh_status_finish (self, result, &error))
    g_debug ("Status refresh: %s", error->message);

  watch_next (self);
}

static void
watch_next (PkioHistory *self)
{
  while (self->watch_queue != NULL && self->watch_queue->len > 0 && self->watch_client != NULL)
    {
      g_autofree char *id = g_ptr_array_steal_index (self->watch_queue, 0);
      const PkioHistoryEntry *entry = g_hash_table_lookup (self->entries, id);

      if (entry == NULL || !pkio_history_entry_is_pending (entry))
        continue;

      pkio_history_refresh_status_async (self, id, self->watch_client, NULL,
                                         watch_refreshed_cb, g_object_ref (self));
      return;
    }

  g_clear_pointer (&self->watch_queue, g_ptr_array_unref);
  watch_round_done (self);
}

static gboolean
watch_tick_cb (gpointer user_data)
{
  PkioHistory *self = user_data;
  GHashTableIter iter;
  gpointer value;
  gboolean practice;

  self->watch_source = 0;

  /* A round still under way is not doubled; it schedules the next. */
  if (self->watch_queue != NULL)
    return G_SOURCE_REMOVE;

  self->watch_queue = g_ptr_array_new_with_free_func (g_free);
  /* Only the orders the client's side knows: practice or real. */
  practice = pkio_client_get_practice (self->watch_client);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const PkioHistoryEntry *entry = value;

      if (pkio_history_entry_is_pending (entry) && entry->order_id > 0 &&
          entry->practice == practice)
        g_ptr_array_add (self->watch_queue, g_strdup (entry->id));
    }
  watch_next (self);

  return G_SOURCE_REMOVE;
}

/**
 * pkio_history_watch_pending:
 * @client: (nullable): the client to ask with; %NULL stops
 * @first_s: seconds before the first round, and between rounds while
 *   statuses change; 0 stops
 * @max_s: the longest wait between rounds, which doubles from @first_s
 *   while nothing changes
 *
 * While set, refreshes the status of every pending order one at a time
 * (the client's rate limiter spaces them), never two rounds at once. A new
 * pending order brings the wait back to @first_s.
 */
void
pkio_history_watch_pending (PkioHistory *self,
                            PkioClient  *client,
                            guint        first_s,
                            guint        max_s)
{
  g_return_if_fail (PKIO_IS_HISTORY (self));
  g_return_if_fail (!client || PKIO_IS_CLIENT (client));

  g_set_object (&self->watch_client, client);
  self->watch_first = first_s;
  self->watch_max = MAX (first_s, max_s);
  self->watch_interval = first_s;
  self->watch_changed = FALSE;
  if (self->watch_queue == NULL)
    watch_schedule (self);
}

/**
 * pkio_history_watch_now:
 *
 * Starts a round of refreshes now (unless one is under way) and brings
 * the wait back to the shortest, as when the user asks for it.
 *
 * Returns: %FALSE if no client is set to ask with
 */
gboolean
pkio_history_watch_now (PkioHistory *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY (self), FALSE);

  if (self->watch_client == NULL)
    return FALSE;

  self->watch_interval = self->watch_first;
  if (self->watch_queue == NULL)
    {
      g_clear_handle_id (&self->watch_source, g_source_remove);
      watch_tick_cb (self);
    }

  return TRUE;
}

/**
 * _pkio_history_get_watch_interval:
 *
 * Returns: the seconds until the next round; for tests
 */
guint
_pkio_history_get_watch_interval (PkioHistory *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY (self), 0);

  return self->watch_interval;
}

static void
append_csv_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  /* RFC 4180 quoting; a leading =, +, - or @ is prefixed so that a
   * spreadsheet does not run it as a formula. */
  g_string_append_c (out, '"');
  if (value != NULL && strchr ("=+-@", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = value ? value : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * pkio_history_to_csv:
 *
 * Returns: (transfer full): the real orders' history as CSV, newest first,
 *   with a header line; the column names are not translated, for scripts.
 *   Practice orders are left out: they were never placed.
 */
char *
pkio_history_to_csv (PkioHistory *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  GString *out;

  g_return_val_if_fail (PKIO_IS_HISTORY (self), NULL);

  out = g_string_new ("order_id,certificate_id,applicant,email,date,product,status\r\n");
  entries = pkio_history_dup_entries (self);
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *order_id = NULL;
      g_autofree char *certificate_id = NULL;
      g_autofree char *date = NULL;

      if (entry->practice)
        continue;

      order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
      if (entry->certificate_id != 0)
        certificate_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->certificate_id);
      if (entry->date != NULL)
        date = g_date_time_format_iso8601 (entry->date);

      append_csv_field (out, order_id, FALSE);
      append_csv_field (out, certificate_id, FALSE);
      append_csv_field (out, entry->applicant, FALSE);
      append_csv_field (out, entry->email, FALSE);
      append_csv_field (out, date, FALSE);
      append_csv_field (out, entry->product, FALSE);
      append_csv_field (out, entry->status, TRUE);
    }

  return g_string_free (out, FALSE);
}
