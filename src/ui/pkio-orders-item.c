/* pkio-orders-item.c
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

#include <string.h>

#include "pkio-orders-item.h"

/* One draft, outbox entry or history entry as the Orders window's lists
 * hold it: a copy taken when the store changed, so that a row never reads
 * an entry the store has since freed, and small, since there may be tens
 * of thousands (a draft's order is left out). */

typedef enum
{
  KIND_DRAFT,
  KIND_OUTBOX,
  KIND_HISTORY,
} Kind;

struct _PkioOrdersItem
{
  GObject  parent_instance;

  Kind     kind;
  union {
    PkioDraft        *draft;
    PkioOutboxEntry  *outbox;
    PkioHistoryEntry *history;
  } entry;
  char    *search_text;   /* casefolded, made on the first search */
};

G_DEFINE_FINAL_TYPE (PkioOrdersItem, pkio_orders_item, G_TYPE_OBJECT)

static void
pkio_orders_item_finalize (GObject *object)
{
  PkioOrdersItem *self = (PkioOrdersItem *) object;

  switch (self->kind)
    {
    case KIND_DRAFT:
      g_clear_pointer (&self->entry.draft, pkio_draft_free);
      break;
    case KIND_OUTBOX:
      g_clear_pointer (&self->entry.outbox, pkio_outbox_entry_free);
      break;
    case KIND_HISTORY:
      g_clear_pointer (&self->entry.history, pkio_history_entry_free);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (self->search_text);

  G_OBJECT_CLASS (pkio_orders_item_parent_class)->finalize (object);
}

static void
pkio_orders_item_class_init (PkioOrdersItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_orders_item_finalize;
}

static void
pkio_orders_item_init (PkioOrdersItem *self)
{
}

PkioOrdersItem *
pkio_orders_item_new_draft (const PkioDraft *draft)
{
  PkioOrdersItem *self;
  PkioDraft *copy;

  g_return_val_if_fail (draft != NULL, NULL);

  copy = g_new0 (PkioDraft, 1);
  copy->id = g_strdup (draft->id);
  copy->applicant = g_strdup (draft->applicant);
  copy->modified = draft->modified ? g_date_time_ref (draft->modified) : NULL;
  copy->step = g_strdup (draft->step);

  self = g_object_new (PKIO_TYPE_ORDERS_ITEM, NULL);
  self->kind = KIND_DRAFT;
  self->entry.draft = copy;

  return self;
}

PkioOrdersItem *
pkio_orders_item_new_outbox (const PkioOutboxEntry *entry)
{
  PkioOrdersItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (PKIO_TYPE_ORDERS_ITEM, NULL);
  self->kind = KIND_OUTBOX;
  self->entry.outbox = pkio_outbox_entry_copy (entry);
  g_clear_pointer (&self->entry.outbox->order, json_node_unref);

  return self;
}

PkioOrdersItem *
pkio_orders_item_new_history (const PkioHistoryEntry *entry)
{
  PkioOrdersItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (PKIO_TYPE_ORDERS_ITEM, NULL);
  self->kind = KIND_HISTORY;
  self->entry.history = pkio_history_entry_copy (entry);

  return self;
}

const char *
pkio_orders_item_get_id (PkioOrdersItem *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ITEM (self), NULL);

  switch (self->kind)
    {
    case KIND_DRAFT:
      return self->entry.draft->id;
    case KIND_OUTBOX:
      return self->entry.outbox->id;
    case KIND_HISTORY:
      return self->entry.history->id;
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pkio_orders_item_get_practice (PkioOrdersItem *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ITEM (self), FALSE);

  switch (self->kind)
    {
    case KIND_OUTBOX:
      return self->entry.outbox->practice;
    case KIND_HISTORY:
      return self->entry.history->practice;
    case KIND_DRAFT:
    default:
      return FALSE;
    }
}

const PkioDraft *
pkio_orders_item_get_draft (PkioOrdersItem *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ITEM (self), NULL);

  return self->kind == KIND_DRAFT ? self->entry.draft : NULL;
}

const PkioOutboxEntry *
pkio_orders_item_get_outbox_entry (PkioOrdersItem *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ITEM (self), NULL);

  return self->kind == KIND_OUTBOX ? self->entry.outbox : NULL;
}

const PkioHistoryEntry *
pkio_orders_item_get_history_entry (PkioOrdersItem *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ITEM (self), NULL);

  return self->kind == KIND_HISTORY ? self->entry.history : NULL;
}

static gboolean
dates_equal (GDateTime *a,
             GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

static gboolean
candidates_equal (GArray *a,
                  GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

/**
 * pkio_orders_item_shows:
 * @entry: an entry of the item's kind, as the store has it now
 *
 * Returns: whether the item still shows @entry as it is: the same id and
 *   every field a row shows
 */
gboolean
pkio_orders_item_shows (PkioOrdersItem *self,
                        gconstpointer   entry)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ITEM (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  switch (self->kind)
    {
    case KIND_DRAFT:
      {
        const PkioDraft *a = self->entry.draft;
        const PkioDraft *b = entry;

        return g_str_equal (a->id, b->id) &&
               g_strcmp0 (a->applicant, b->applicant) == 0 &&
               g_strcmp0 (a->step, b->step) == 0 &&
               dates_equal (a->modified, b->modified);
      }
    case KIND_OUTBOX:
      {
        const PkioOutboxEntry *a = self->entry.outbox;
        const PkioOutboxEntry *b = entry;

        return g_str_equal (a->id, b->id) &&
               a->state == b->state &&
               a->practice == b->practice &&
               a->payment_method == b->payment_method &&
               a->reconciled == b->reconciled &&
               a->order_id == b->order_id &&
               g_strcmp0 (a->reason, b->reason) == 0 &&
               g_strcmp0 (a->applicant, b->applicant) == 0 &&
               g_strcmp0 (a->email, b->email) == 0 &&
               dates_equal (a->created, b->created) &&
               candidates_equal (a->candidates, b->candidates);
      }
    case KIND_HISTORY:
      {
        const PkioHistoryEntry *a = self->entry.history;
        const PkioHistoryEntry *b = entry;

        return g_str_equal (a->id, b->id) &&
               a->practice == b->practice &&
               a->order_id == b->order_id &&
               a->certificate_id == b->certificate_id &&
               g_strcmp0 (a->applicant, b->applicant) == 0 &&
               g_strcmp0 (a->email, b->email) == 0 &&
               g_strcmp0 (a->product, b->product) == 0 &&
               g_strcmp0 (a->status, b->status) == 0 &&
               dates_equal (a->date, b->date);
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
append_search (GString    *text,
               const char *value)
{
  if (value != NULL)
    g_string_append_printf (text, "%s\n", value);
}

static void
append_search_number (GString *text,
                      gint64   value)
{
  /* 0 is "not known yet", which nobody searches for. */
  if (value > 0)
    g_string_append_printf (text, "%" G_GINT64_FORMAT "\n", value);
}

static char *
make_search_text (PkioOrdersItem *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* What a desk searches by: the name, the email, and the numbers it
   * has on paper. */
  switch (self->kind)
    {
    case KIND_DRAFT:
      append_search (text, self->entry.draft->applicant);
      break;
    case KIND_OUTBOX:
      append_search (text, self->entry.outbox->applicant);
      append_search (text, self->entry.outbox->email);
      append_search_number (text, self->entry.outbox->order_id);
      break;
    case KIND_HISTORY:
      append_search (text, self->entry.history->applicant);
      append_search (text, self->entry.history->email);
      append_search_number (text, self->entry.history->order_id);
      append_search_number (text, self->entry.history->certificate_id);
      break;
    default:
      g_assert_not_reached ();
    }

  return g_utf8_casefold (text->str, text->len);
}

/**
 * pkio_orders_item_matches:
 * @folded: what was searched for, casefolded with g_utf8_casefold()
 *
 * Returns: whether the applicant's name or email, or the order or
 *   certificate number, holds @folded
 */
gboolean
pkio_orders_item_matches (PkioOrdersItem *self,
                          const char     *folded)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ITEM (self), FALSE);

  if (folded == NULL || folded[0] == '\0')
    return TRUE;
  if (self->search_text == NULL)
    self->search_text = make_search_text (self);

  return strstr (self->search_text, folded) != NULL;
}
