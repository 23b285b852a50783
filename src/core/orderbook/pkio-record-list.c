/* pkio-record-list.c
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

#include "pkio-record-list.h"

/* The drafts, the outbox or the history as a list model of #PkioRecord,
 * for views to bind to. It is made to show the store's entries again with
 * one change, from the first entry not shown as it is to the last: adding
 * an order, or a status change, replaces one record, so a view keeps its
 * place and binds only that row again. */
struct _PkioRecordList
{
  GObject         parent_instance;

  PkioRecordKind  kind;
  GPtrArray      *records;   /* (element-type PkioRecord) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioRecordList, pkio_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return PKIO_TYPE_RECORD;
}

static guint
get_n_items (GListModel *model)
{
  return PKIO_RECORD_LIST (model)->records->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PkioRecordList *self = PKIO_RECORD_LIST (model);

  if (position >= self->records->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->records, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
pkio_record_list_finalize (GObject *object)
{
  PkioRecordList *self = (PkioRecordList *) object;

  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (pkio_record_list_parent_class)->finalize (object);
}

static void
pkio_record_list_class_init (PkioRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_record_list_finalize;
}

static void
pkio_record_list_init (PkioRecordList *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pkio_record_list_new:
 * @kind: what the list holds
 *
 * Returns: (transfer full): an empty list; fill it with
 *   pkio_record_list_sync()
 */
PkioRecordList *
pkio_record_list_new (PkioRecordKind kind)
{
  PkioRecordList *self;

  g_return_val_if_fail (kind <= PKIO_RECORD_KIND_HISTORY, NULL);

  self = g_object_new (PKIO_TYPE_RECORD_LIST, NULL);
  self->kind = kind;

  return self;
}

static gboolean
shows (PkioRecordList *self,
       guint           position,
       gconstpointer   entry)
{
  return pkio_record_shows (g_ptr_array_index (self->records, position), entry);
}

/**
 * pkio_record_list_sync:
 * @entries: (element-type gpointer): the store's entries of the list's
 *   kind, in the order to show them (as its dup_entries gives them)
 *
 * Makes the list show @entries, with one #GListModel::items-changed.
 */
void
pkio_record_list_sync (PkioRecordList *self,
                       GPtrArray      *entries)
{
  guint n_old;
  guint n_new;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;

  g_return_if_fail (PKIO_IS_RECORD_LIST (self));
  g_return_if_fail (entries != NULL);

  n_old = self->records->len;
  n_new = entries->len;
  while (prefix < MIN (n_old, n_new) && shows (self, prefix, entries->pdata[prefix]))
    prefix++;
  if (prefix == n_old && prefix == n_new)
    return;
  while (suffix < MIN (n_old, n_new) - prefix &&
         shows (self, n_old - 1 - suffix, entries->pdata[n_new - 1 - suffix]))
    suffix++;

  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;
  g_ptr_array_remove_range (self->records, prefix, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->records, prefix + i,
                        pkio_record_new (self->kind, entries->pdata[prefix + i]));
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

/**
 * pkio_record_list_clear:
 *
 * Empties the list, so that the next sync makes every record (and every
 * row bound to one) anew.
 */
void
pkio_record_list_clear (PkioRecordList *self)
{
  guint n;

  g_return_if_fail (PKIO_IS_RECORD_LIST (self));

  n = self->records->len;
  if (n == 0)
    return;
  g_ptr_array_set_size (self->records, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}
