/* pkio-store-records.c
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

#include "pkio-store-records-private.h"

typedef struct
{
  gsize    date_offset;
  gboolean newest_first;
} SortBy;

static int
compare_dates (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SortBy *by = user_data;
  GDateTime *da = G_STRUCT_MEMBER (GDateTime *, *(gconstpointer *) a, by->date_offset);
  GDateTime *db = G_STRUCT_MEMBER (GDateTime *, *(gconstpointer *) b, by->date_offset);

  /* Undated entries last, either way. */
  if (da == NULL || db == NULL)
    return (da == NULL) - (db == NULL);

  return by->newest_first ? g_date_time_compare (db, da) : g_date_time_compare (da, db);
}

/* The values of @entries, sorted by the GDateTime at @date_offset in each:
 * borrowed from the table. */
GPtrArray *
_pkio_store_records_dup_sorted (GHashTable *entries,
                                gsize       date_offset,
                                gboolean    newest_first)
{
  SortBy by = { date_offset, newest_first };
  GPtrArray *ret;
  GHashTableIter iter;
  gpointer value;

  ret = g_ptr_array_sized_new (g_hash_table_size (entries));
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (ret, value);
  g_ptr_array_sort_with_data (ret, compare_dates, &by);

  return ret;
}

/* A record's meta: members left out when there is no value. */
void
_pkio_store_records_add_string (JsonBuilder *builder,
                                const char  *name,
                                const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
_pkio_store_records_add_date (JsonBuilder *builder,
                              const char  *name,
                              GDateTime   *date)
{
  g_autofree char *text = date ? g_date_time_format_iso8601 (date) : NULL;

  _pkio_store_records_add_string (builder, name, text);
}

void
_pkio_store_records_add_int (JsonBuilder *builder,
                             const char  *name,
                             gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
_pkio_store_records_add_boolean (JsonBuilder *builder,
                                 const char  *name,
                                 gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

char *
_pkio_store_records_dup_string (JsonObject *meta,
                                const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (meta, name, NULL));
}

GDateTime *
_pkio_store_records_get_date (JsonObject *meta,
                              const char *name)
{
  const char *text = json_object_get_string_member_with_default (meta, name, NULL);

  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

typedef struct
{
  PkioStoreRecordsPutFunc put;
  guint                   changed_signal;
} LoadData;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  gpointer owner = g_task_get_source_object (task);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gpointer *items = NULL;
  gsize n_items = 0;

  loaded = pkio_store_load_all_mapped_finish (PKIO_STORE (object), result, &problems, &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  items = g_ptr_array_steal (loaded, &n_items);
  for (gsize i = 0; i < n_items; i++)
    data->put (owner, items[i]);

  g_signal_emit (owner, data->changed_signal, 0);
  g_task_return_pointer (task, g_steal_pointer (&problems), (GDestroyNotify) g_ptr_array_unref);
}

/* Loads every record of @kind, hands each mapped item to @put (which owns
 * it then), emits @changed_signal on the task's source object and returns
 * the problems on @task, which it owns. */
void
_pkio_store_records_load (PkioStore               *store,
                          PkioStoreKind            kind,
                          PkioStoreMapFunc         map,
                          GDestroyNotify           map_free,
                          PkioStoreRecordsPutFunc  put,
                          guint                    changed_signal,
                          GTask                   *task)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->put = put;
  data->changed_signal = changed_signal;
  g_task_set_task_data (task, data, g_free);
  pkio_store_load_all_mapped_async (store, kind, map, map_free, g_task_get_cancellable (task),
                                    load_cb, task);
}

gboolean
_pkio_store_records_load_finish (gpointer       owner,
                                 GAsyncResult  *result,
                                 GPtrArray    **problems,
                                 GError       **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, owner), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}

/* Ends a save; if it failed, returns the error on @task (borrowed) and
 * %TRUE. */
gboolean
_pkio_store_records_save_failed (GObject      *store,
                                 GAsyncResult *result,
                                 GTask        *task)
{
  g_autoptr(GError) error = NULL;

  if (pkio_store_save_finish (PKIO_STORE (store), result, &error))
    return FALSE;

  g_task_return_error (task, g_steal_pointer (&error));
  return TRUE;
}

/* A save whose task returns %TRUE once it is written; owns @task. */
void
_pkio_store_records_saved_cb (GObject      *store,
                              GAsyncResult *result,
                              gpointer      task)
{
  g_autoptr(GTask) owned = task;

  if (!_pkio_store_records_save_failed (store, result, owned))
    g_task_return_boolean (owned, TRUE);
}

/* A batch of saves on one task: it returns once the last is written, with
 * the first error if any. The caller holds one step from begin to end, so
 * that a save ending early does not end the batch. */
typedef struct
{
  guint   pending;
  guint   changed_signal;   /* emitted on the source object at the end; 0 for none */
  GError *error;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_error (&batch->error);
  g_free (batch);
}

void
_pkio_store_records_batch_begin (GTask *task,
                                 guint  changed_signal)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->pending = 1;
  batch->changed_signal = changed_signal;
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);
}

/* One more save; its callback is _pkio_store_records_batch_saved_cb with a
 * reference to @task. */
void
_pkio_store_records_batch_add (GTask *task)
{
  Batch *batch = g_task_get_task_data (task);

  batch->pending++;
}

/* Ends one step of the batch; owns @task. */
void
_pkio_store_records_batch_end (GTask *task_ref)
{
  g_autoptr(GTask) task = task_ref;
  Batch *batch = g_task_get_task_data (task);

  if (--batch->pending > 0)
    return;

  if (batch->changed_signal != 0)
    g_signal_emit (g_task_get_source_object (task), batch->changed_signal, 0);
  if (batch->error != NULL)
    g_task_return_error (task, g_steal_pointer (&batch->error));
  else
    g_task_return_boolean (task, TRUE);
}

void
_pkio_store_records_batch_saved_cb (GObject      *store,
                                    GAsyncResult *result,
                                    gpointer      task)
{
  Batch *batch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_store_save_finish (PKIO_STORE (store), result, &error) && batch->error == NULL)
    batch->error = g_steal_pointer (&error);

  _pkio_store_records_batch_end (task);
}
