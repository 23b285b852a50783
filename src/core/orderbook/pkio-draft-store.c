/* pkio-draft-store.c
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

#include "pkio-draft-store.h"
#include "pkio-order-json.h"
#include "pkio-store-records-private.h"

typedef struct
{
  PkioDraftStore *self;      /* not a reference: dispose removes the timer */
  char           *id;
  PkioOrder      *order;
  char           *step;
  char           *identity;  /* the order's when scheduled: a new order is not this draft */
  guint           source;
} Pending;

struct _PkioDraftStore
{
  GObject     parent_instance;

  PkioStore  *store;
  guint       delay_ms;
  GHashTable *drafts;    /* id → PkioDraft */
  GHashTable *pending;   /* id → Pending, waiting for the autosave delay */
  GHashTable *closed;    /* identities queued, sent or placed: never a draft again */
};

G_DEFINE_FINAL_TYPE (PkioDraftStore, pkio_draft_store, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (PkioDraft, pkio_draft, pkio_draft_copy, pkio_draft_free)

enum {
  CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

PkioDraft *
pkio_draft_copy (const PkioDraft *self)
{
  PkioDraft *copy = g_new0 (PkioDraft, 1);

  copy->id = g_strdup (self->id);
  copy->applicant = g_strdup (self->applicant);
  copy->modified = self->modified ? g_date_time_ref (self->modified) : NULL;
  copy->step = g_strdup (self->step);
  copy->order = self->order ? json_node_copy (self->order) : NULL;
  copy->identity = g_strdup (self->identity);

  return copy;
}

void
pkio_draft_free (PkioDraft *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->applicant);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self->step);
  g_clear_pointer (&self->order, json_node_unref);
  g_free (self->identity);
  g_free (self);
}

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source, g_source_remove);
  g_free (pending->id);
  g_clear_object (&pending->order);
  g_free (pending->step);
  g_free (pending->identity);
  g_free (pending);
}

static PkioStoreRecord *
draft_to_record (const PkioDraft *draft)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) meta = NULL;

  json_builder_begin_object (builder);
  _pkio_store_records_add_string (builder, "applicant", draft->applicant);
  _pkio_store_records_add_date (builder, "modified", draft->modified);
  _pkio_store_records_add_string (builder, "step", draft->step);
  _pkio_store_records_add_string (builder, "identity", draft->identity);
  json_builder_end_object (builder);
  meta = json_builder_get_root (builder);

  return pkio_store_record_new (draft->id, meta, draft->order);
}

/* On the store's worker: takes the order out of @record, which is freed
 * after. */
static gpointer
draft_take_record (PkioStoreRecord *record)
{
  JsonObject *meta = json_node_get_object (record->meta);
  PkioDraft *draft = g_new0 (PkioDraft, 1);

  draft->id = g_strdup (record->id);
  draft->applicant = _pkio_store_records_dup_string (meta, "applicant");
  draft->step = _pkio_store_records_dup_string (meta, "step");
  draft->modified = _pkio_store_records_get_date (meta, "modified");
  if (draft->modified == NULL)
    draft->modified = g_date_time_new_from_unix_utc (0);
  draft->order = g_steal_pointer (&record->order);
  /* Drafts from before identities were kept are orders of their own. */
  draft->identity = _pkio_store_records_dup_string (meta, "identity");
  if (draft->identity == NULL)
    draft->identity = g_uuid_string_random ();

  return draft;
}

/* The draft as the order is now: taken on the main thread, since the
 * order is a plain GObject; card number and CVV are left out here. */
static PkioDraft *
snapshot (const char *id,
          PkioOrder  *order,
          const char *step)
{
  PkioDraft *draft = g_new0 (PkioDraft, 1);
  const char *first = pkio_order_get_text (order, PKIO_ORDER_TEXT_FIRST_NAME);
  const char *last = pkio_order_get_text (order, PKIO_ORDER_TEXT_LAST_NAME);
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "",
                                                       last ? last : ""));

  draft->id = g_strdup (id);
  draft->applicant = name[0] != '\0' ? g_steal_pointer (&name) : NULL;
  draft->modified = g_date_time_new_now_utc ();
  draft->step = g_strdup (step);
  draft->order = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
  draft->identity = g_strdup (pkio_order_get_identity (order));

  return draft;
}

static void
put_draft (PkioDraftStore *self,
           PkioDraft      *draft)
{
  g_hash_table_replace (self->drafts, draft->id, draft);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
autosaved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PkioDraftStore) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_store_save_finish (PKIO_STORE (object), result, &error))
    g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

static void
write_draft (PkioDraftStore      *self,
             PkioDraft           *draft,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(PkioStoreRecord) record = draft_to_record (draft);

  put_draft (self, draft);
  pkio_store_save_async (self->store, PKIO_STORE_KIND_DRAFTS, record, cancellable,
                         callback, user_data);
}

static void
pending_fired_cb (gpointer user_data)
{
  Pending *pending = user_data;
  PkioDraftStore *self = pending->self;
  PkioDraft *draft;

  pending->source = 0;
  /* The window's order went on to the next applicant meanwhile, or this
   * order was queued or placed: what it holds is not this draft. */
  if (g_strcmp0 (pending->identity, pkio_order_get_identity (pending->order)) != 0 ||
      g_hash_table_contains (self->closed, pending->identity))
    {
      g_hash_table_remove (self->pending, pending->id);
      return;
    }
  draft = snapshot (pending->id, pending->order, pending->step);
  g_hash_table_remove (self->pending, draft->id);
  write_draft (self, draft, NULL, autosaved_cb, g_object_ref (self));
}

static void
pkio_draft_store_dispose (GObject *object)
{
  PkioDraftStore *self = (PkioDraftStore *) object;

  /* Unsaved changes are the caller's to flush before letting go. */
  if (self->pending != NULL && g_hash_table_size (self->pending) > 0)
    g_debug ("%u drafts dropped unsaved", g_hash_table_size (self->pending));
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (pkio_draft_store_parent_class)->dispose (object);
}

static void
pkio_draft_store_finalize (GObject *object)
{
  PkioDraftStore *self = (PkioDraftStore *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->closed, g_hash_table_unref);

  G_OBJECT_CLASS (pkio_draft_store_parent_class)->finalize (object);
}

static void
pkio_draft_store_class_init (PkioDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_draft_store_dispose;
  object_class->finalize = pkio_draft_store_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PkioDraftStore::save-failed:
   * @error: why
   *
   * An autosave did not reach the disk; the window tells the user.
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pkio_draft_store_init (PkioDraftStore *self)
{
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) pkio_draft_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) pending_free);
  self->closed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * pkio_draft_store_new:
 * @store: an opened store
 * @delay_ms: the autosave delay (the auto-save-delay setting, in ms)
 */
PkioDraftStore *
pkio_draft_store_new (PkioStore *store,
                      guint      delay_ms)
{
  PkioDraftStore *self;

  g_return_val_if_fail (PKIO_IS_STORE (store), NULL);

  self = g_object_new (PKIO_TYPE_DRAFT_STORE, NULL);
  self->store = g_object_ref (store);
  self->delay_ms = delay_ms;

  return self;
}

void
pkio_draft_store_set_delay (PkioDraftStore *self,
                            guint           delay_ms)
{
  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));

  self->delay_ms = delay_ms;
}

/**
 * pkio_draft_store_dup_drafts:
 *
 * Returns: (transfer container) (element-type PkioDraft): the drafts,
 *   last changed first; borrowed until the store changes
 */
GPtrArray *
pkio_draft_store_dup_drafts (PkioDraftStore *self)
{
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), NULL);

  return _pkio_store_records_dup_sorted (self->drafts, G_STRUCT_OFFSET (PkioDraft, modified),
                                         TRUE);
}

const PkioDraft *
pkio_draft_store_lookup (PkioDraftStore *self,
                         const char     *id)
{
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), NULL);

  return g_hash_table_lookup (self->drafts, id);
}

/**
 * pkio_draft_store_get_latest:
 *
 * Returns: (nullable): the draft changed last, to offer "continue where
 *   you left off"
 */
const PkioDraft *
pkio_draft_store_get_latest (PkioDraftStore *self)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), NULL);

  drafts = pkio_draft_store_dup_drafts (self);

  return drafts->len > 0 ? g_ptr_array_index (drafts, 0) : NULL;
}

gboolean
pkio_draft_store_has_pending (PkioDraftStore *self)
{
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), FALSE);

  return g_hash_table_size (self->pending) > 0;
}

/**
 * pkio_draft_store_create_id:
 *
 * Returns: (transfer full): an id for a new draft; nothing is written
 *   until the first save
 */
char *
pkio_draft_store_create_id (PkioDraftStore *self)
{
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), NULL);

  return pkio_store_new_id ();
}

/**
 * pkio_draft_store_dup_order:
 * @problems: (out) (optional) (transfer full): what in the draft does not
 *   fit the order any more (PkioOrderProblem)
 *
 * Returns: (transfer full) (nullable): the draft as an order; a card
 *   order comes back without card number and CVV, so the payment step
 *   asks for them again
 */
PkioOrder *
pkio_draft_store_dup_order (PkioDraftStore  *self,
                            const char      *id,
                            GPtrArray      **problems)
{
  const PkioDraft *draft;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  PkioOrder *order;

  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), NULL);

  draft = g_hash_table_lookup (self->drafts, id);
  if (draft == NULL || draft->order == NULL)
    return NULL;

  order = pkio_order_new_from_json (draft->order, found);
  pkio_order_set_identity (order, draft->identity);
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return order;
}

/* Takes one loaded draft. */
static void
put_loaded (gpointer owner,
            gpointer item)
{
  PkioDraftStore *self = owner;
  PkioDraft *draft = item;

  /* Saved by this process meanwhile: memory is newer. */
  if (g_hash_table_contains (self->drafts, draft->id))
    pkio_draft_free (draft);
  else if (g_hash_table_contains (self->closed, draft->identity))
    {
      /* Its order was queued or placed before the draft went. */
      pkio_store_delete_async (self->store, PKIO_STORE_KIND_DRAFTS, draft->id, NULL, NULL,
                               NULL);
      pkio_draft_free (draft);
    }
  else
    g_hash_table_replace (self->drafts, draft->id, draft);
}

void
pkio_draft_store_load_async (PkioDraftStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_draft_store_load_async);
  _pkio_store_records_load (self->store, PKIO_STORE_KIND_DRAFTS, draft_take_record,
                            (GDestroyNotify) pkio_draft_free, put_loaded, signals[CHANGED], task);
}

/**
 * pkio_draft_store_load_finish:
 * @problems: (out) (optional) (transfer full): drafts set aside, for people
 */
gboolean
pkio_draft_store_load_finish (PkioDraftStore  *self,
                              GAsyncResult    *result,
                              GPtrArray      **problems,
                              GError         **error)
{
  return _pkio_store_records_load_finish (self, result, problems, error);
}

/**
 * pkio_draft_store_schedule_save:
 * @order: the order; kept until the save, and read then
 * @step: (nullable): the wizard's step id reached
 *
 * Saves the draft once no change has come for the autosave delay.
 */
void
pkio_draft_store_schedule_save (PkioDraftStore *self,
                                const char     *id,
                                PkioOrder      *order,
                                const char     *step)
{
  Pending *pending;

  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (PKIO_IS_ORDER (order));

  pending = g_hash_table_lookup (self->pending, id);
  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->self = self;
      pending->id = g_strdup (id);
      g_hash_table_insert (self->pending, pending->id, pending);
    }

  g_set_object (&pending->order, order);
  g_free (pending->step);
  pending->step = g_strdup (step);
  g_free (pending->identity);
  pending->identity = g_strdup (pkio_order_get_identity (order));
  g_clear_handle_id (&pending->source, g_source_remove);
  pending->source = g_timeout_add_once (self->delay_ms, pending_fired_cb, pending);
}

/**
 * pkio_draft_store_save_now_async:
 *
 * Saves at once, replacing a scheduled save of the same draft: for closing
 * the window and for "Submit later".
 */
void
pkio_draft_store_save_now_async (PkioDraftStore      *self,
                                 const char          *id,
                                 PkioOrder           *order,
                                 const char          *step,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (PKIO_IS_ORDER (order));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_draft_store_save_now_async);

  g_hash_table_remove (self->pending, id);
  /* An order queued, sent or placed is not a draft any more. */
  if (g_hash_table_contains (self->closed, pkio_order_get_identity (order)))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  write_draft (self, snapshot (id, order, step), cancellable, _pkio_store_records_saved_cb, task);
}

gboolean
pkio_draft_store_save_now_finish (PkioDraftStore  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pkio_draft_store_flush_async:
 *
 * Saves every scheduled draft now (on close).
 */
void
pkio_draft_store_flush_async (PkioDraftStore      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_draft_store_flush_async);
  _pkio_store_records_batch_begin (task, 0);

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pending *pending = value;

      if (g_strcmp0 (pending->identity, pkio_order_get_identity (pending->order)) != 0 ||
          g_hash_table_contains (self->closed, pending->identity))
        continue;
      g_ptr_array_add (drafts, snapshot (pending->id, pending->order, pending->step));
    }
  g_hash_table_remove_all (self->pending);

  for (guint i = 0; i < drafts->len; i++)
    {
      _pkio_store_records_batch_add (task);
      write_draft (self, g_ptr_array_index (drafts, i), cancellable,
                   _pkio_store_records_batch_saved_cb, g_object_ref (task));
    }

  _pkio_store_records_batch_end (g_steal_pointer (&task));
}

gboolean
pkio_draft_store_flush_finish (PkioDraftStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pkio_draft_store_put_async:
 *
 * Writes @draft as it is: for Undo after a delete.
 */
void
pkio_draft_store_put_async (PkioDraftStore      *self,
                            const PkioDraft     *draft,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));
  g_return_if_fail (draft != NULL && draft->id != NULL && draft->modified != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_draft_store_put_async);
  if (draft->identity != NULL && g_hash_table_contains (self->closed, draft->identity))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  write_draft (self, pkio_draft_copy (draft), cancellable, _pkio_store_records_saved_cb, task);
}

gboolean
pkio_draft_store_put_finish (PkioDraftStore  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  PkioDraft *removed = g_task_get_task_data (task);

  if (!pkio_store_delete_finish (PKIO_STORE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, removed ? pkio_draft_copy (removed) : NULL,
                           (GDestroyNotify) pkio_draft_free);
}

/**
 * pkio_draft_store_delete_async:
 *
 * Removes a draft, and any save of it still scheduled.
 */
void
pkio_draft_store_delete_async (PkioDraftStore      *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  gpointer removed = NULL;

  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_draft_store_delete_async);

  g_hash_table_remove (self->pending, id);
  if (g_hash_table_steal_extended (self->drafts, id, NULL, &removed))
    g_signal_emit (self, signals[CHANGED], 0);
  g_task_set_task_data (task, removed, (GDestroyNotify) pkio_draft_free);
  pkio_store_delete_async (self->store, PKIO_STORE_KIND_DRAFTS, id, cancellable, deleted_cb, task);
}

/**
 * pkio_draft_store_delete_finish:
 *
 * Returns: (transfer full) (nullable): the draft removed, to put back on
 *   Undo; %NULL with no error if there was none
 */
PkioDraft *
pkio_draft_store_delete_finish (PkioDraftStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
duplicated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (!_pkio_store_records_save_failed (object, result, task))
    g_task_return_pointer (task, g_strdup (g_task_get_task_data (task)), g_free);
}

/**
 * pkio_draft_store_duplicate_async:
 *
 * Copies a draft under a new id (the next applicant at the same address,
 * say).
 */
void
pkio_draft_store_duplicate_async (PkioDraftStore      *self,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  const PkioDraft *draft;
  PkioDraft *copy;

  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_draft_store_duplicate_async);

  draft = g_hash_table_lookup (self->drafts, id);
  if (draft == NULL)
    {
      g_task_return_new_error (task, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NOT_FOUND,
                               _("This draft does not exist any more."));
      g_object_unref (task);
      return;
    }

  copy = pkio_draft_copy (draft);
  g_free (copy->id);
  copy->id = pkio_store_new_id ();
  /* Another order, for another applicant perhaps: it is placed on its own. */
  g_free (copy->identity);
  copy->identity = g_uuid_string_random ();
  g_date_time_unref (copy->modified);
  copy->modified = g_date_time_new_now_utc ();
  g_task_set_task_data (task, g_strdup (copy->id), g_free);
  write_draft (self, copy, cancellable, duplicated_cb, task);
}

/**
 * pkio_draft_store_duplicate_finish:
 *
 * Returns: (transfer full): the new draft's id
 */
char *
pkio_draft_store_duplicate_finish (PkioDraftStore  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Removes the drafts, and the scheduled saves, of every closed identity:
 * one pass, however many identities were closed. */
static guint
sweep_closed (PkioDraftStore *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_hash_table_contains (self->closed, ((Pending *) value)->identity))
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, self->drafts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const PkioDraft *draft = value;

      if (draft->identity != NULL && g_hash_table_contains (self->closed, draft->identity))
        g_ptr_array_add (ids, g_strdup (draft->id));
    }

  for (guint i = 0; i < ids->len; i++)
    pkio_draft_store_delete_async (self, g_ptr_array_index (ids, i), NULL, NULL, NULL);

  return ids->len;
}

/**
 * pkio_draft_store_close_identity:
 * @identity: an order's identity, now queued, being sent or placed
 *
 * Removes the drafts of that order, and any save of it still scheduled,
 * and refuses to save one again: an order in the outbox or the history is
 * never offered as a draft, which would invite placing it twice.
 *
 * Returns: how many drafts were removed
 */
guint
pkio_draft_store_close_identity (PkioDraftStore *self,
                                 const char     *identity)
{
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), 0);
  g_return_val_if_fail (identity != NULL, 0);

  g_hash_table_add (self->closed, g_strdup (identity));

  return sweep_closed (self);
}

/**
 * pkio_draft_store_close_identities:
 * @identities: (element-type utf8): identities of orders queued, being
 *   sent or placed
 *
 * As pkio_draft_store_close_identity(), for the whole outbox and history
 * at once.
 *
 * Returns: how many drafts were removed
 */
guint
pkio_draft_store_close_identities (PkioDraftStore *self,
                                   GPtrArray      *identities)
{
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), 0);
  g_return_val_if_fail (identities != NULL, 0);

  for (guint i = 0; i < identities->len; i++)
    if (!g_hash_table_contains (self->closed, g_ptr_array_index (identities, i)))
      g_hash_table_add (self->closed, g_strdup (g_ptr_array_index (identities, i)));

  return sweep_closed (self);
}

/**
 * pkio_draft_store_is_closed:
 *
 * Returns: whether @identity was closed with
 *   pkio_draft_store_close_identity()
 */
gboolean
pkio_draft_store_is_closed (PkioDraftStore *self,
                            const char     *identity)
{
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (self), FALSE);

  return identity != NULL && g_hash_table_contains (self->closed, identity);
}

/**
 * pkio_draft_store_reopen_identity:
 *
 * Lets the order be kept as a draft again: it left the outbox unsent (a
 * card order that could not go), and the window still holds it.
 */
void
pkio_draft_store_reopen_identity (PkioDraftStore *self,
                                  const char     *identity)
{
  g_return_if_fail (PKIO_IS_DRAFT_STORE (self));

  if (identity != NULL)
    g_hash_table_remove (self->closed, identity);
}
