/* pkio-record.c
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

#include <stddef.h>
#include <string.h>

#include "pkio-record.h"

/* One draft, outbox entry or history entry, as lists of orders hold it: a
 * copy taken when the store changed, so that a row never reads an entry
 * the store has since freed, and small, since there may be tens of
 * thousands (a draft's order and an outbox entry's are left out).
 *
 * What each kind holds, and which of it a list shows (so compares, to
 * know whether a row must be bound again), a desk searches by, or names
 * the applicant, is written once, in the tables below: a field added to
 * an entry is one line here. */

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_INT,          /* an int-sized value: an enum, a gboolean */
  FIELD_INT64,
  FIELD_CANDIDATES,   /* a GArray of gint64 */
} FieldType;

typedef enum
{
  ROLE_NONE,
  ROLE_ID,
  ROLE_APPLICANT,
  ROLE_EMAIL,
  ROLE_DATE,
  ROLE_PRACTICE,
} FieldRole;

enum
{
  SEARCHED = 1 << 0,   /* shown fields are all compared; these are searched too */
};

typedef struct
{
  FieldType  type;
  gsize      offset;
  FieldRole  role;
  guint      flags;
} Field;

#define FIELD(type, entry, member, role, flags) \
  { type, offsetof (entry, member), role, flags }

static const Field draft_fields[] = {
  FIELD (FIELD_TEXT, PkioDraft, id, ROLE_ID, 0),
  FIELD (FIELD_TEXT, PkioDraft, applicant, ROLE_APPLICANT, SEARCHED),
  FIELD (FIELD_TEXT, PkioDraft, step, ROLE_NONE, 0),
  FIELD (FIELD_DATE, PkioDraft, modified, ROLE_DATE, 0),
};

static const Field outbox_fields[] = {
  FIELD (FIELD_TEXT, PkioOutboxEntry, id, ROLE_ID, 0),
  FIELD (FIELD_INT, PkioOutboxEntry, state, ROLE_NONE, 0),
  FIELD (FIELD_INT, PkioOutboxEntry, practice, ROLE_PRACTICE, 0),
  FIELD (FIELD_INT, PkioOutboxEntry, payment_method, ROLE_NONE, 0),
  FIELD (FIELD_INT, PkioOutboxEntry, reconciled, ROLE_NONE, 0),
  FIELD (FIELD_INT64, PkioOutboxEntry, order_id, ROLE_NONE, SEARCHED),
  FIELD (FIELD_TEXT, PkioOutboxEntry, reason, ROLE_NONE, 0),
  FIELD (FIELD_TEXT, PkioOutboxEntry, applicant, ROLE_APPLICANT, SEARCHED),
  FIELD (FIELD_TEXT, PkioOutboxEntry, email, ROLE_EMAIL, SEARCHED),
  FIELD (FIELD_DATE, PkioOutboxEntry, created, ROLE_DATE, 0),
  FIELD (FIELD_CANDIDATES, PkioOutboxEntry, candidates, ROLE_NONE, 0),
};

static const Field history_fields[] = {
  FIELD (FIELD_TEXT, PkioHistoryEntry, id, ROLE_ID, 0),
  FIELD (FIELD_INT, PkioHistoryEntry, practice, ROLE_PRACTICE, 0),
  FIELD (FIELD_INT64, PkioHistoryEntry, order_id, ROLE_NONE, SEARCHED),
  FIELD (FIELD_INT64, PkioHistoryEntry, certificate_id, ROLE_NONE, SEARCHED),
  FIELD (FIELD_TEXT, PkioHistoryEntry, applicant, ROLE_APPLICANT, SEARCHED),
  FIELD (FIELD_TEXT, PkioHistoryEntry, email, ROLE_EMAIL, SEARCHED),
  FIELD (FIELD_TEXT, PkioHistoryEntry, product, ROLE_NONE, 0),
  FIELD (FIELD_TEXT, PkioHistoryEntry, status, ROLE_NONE, 0),
  FIELD (FIELD_DATE, PkioHistoryEntry, date, ROLE_DATE, 0),
};

typedef struct
{
  const Field    *fields;
  guint           n_fields;
  gpointer      (*copy) (gconstpointer entry);
  GDestroyNotify  free;
} KindTable;

static gpointer
copy_draft (gconstpointer entry)
{
  const PkioDraft *draft = entry;
  PkioDraft *copy = g_new0 (PkioDraft, 1);

  /* Not the order: a list has no use for it. */
  copy->id = g_strdup (draft->id);
  copy->applicant = g_strdup (draft->applicant);
  copy->modified = draft->modified ? g_date_time_ref (draft->modified) : NULL;
  copy->step = g_strdup (draft->step);
  copy->identity = g_strdup (draft->identity);

  return copy;
}

static gpointer
copy_outbox (gconstpointer entry)
{
  PkioOutboxEntry *copy = pkio_outbox_entry_copy (entry);

  g_clear_pointer (&copy->order, json_node_unref);

  return copy;
}

static gpointer
copy_history (gconstpointer entry)
{
  return pkio_history_entry_copy (entry);
}

static const KindTable kinds[] = {
  [PKIO_RECORD_KIND_DRAFT] = { draft_fields, G_N_ELEMENTS (draft_fields), copy_draft,
                               (GDestroyNotify) pkio_draft_free },
  [PKIO_RECORD_KIND_OUTBOX] = { outbox_fields, G_N_ELEMENTS (outbox_fields), copy_outbox,
                                (GDestroyNotify) pkio_outbox_entry_free },
  [PKIO_RECORD_KIND_HISTORY] = { history_fields, G_N_ELEMENTS (history_fields), copy_history,
                                 (GDestroyNotify) pkio_history_entry_free },
};

struct _PkioRecord
{
  GObject         parent_instance;

  PkioRecordKind  kind;
  gpointer        entry;         /* a copy, of the kind's type */
  char           *search_text;   /* casefolded, made on the first search */
};

G_DEFINE_FINAL_TYPE (PkioRecord, pkio_record, G_TYPE_OBJECT)

#define MEMBER(entry, field, type) (*(type *) ((const char *) (entry) + (field)->offset))

static const Field *
find_role (PkioRecordKind kind,
           FieldRole      role)
{
  for (guint i = 0; i < kinds[kind].n_fields; i++)
    if (kinds[kind].fields[i].role == role)
      return &kinds[kind].fields[i];

  return NULL;
}

static gboolean
field_equal (const Field   *field,
             gconstpointer  a,
             gconstpointer  b)
{
  switch (field->type)
    {
    case FIELD_TEXT:
      return g_strcmp0 (MEMBER (a, field, char *), MEMBER (b, field, char *)) == 0;
    case FIELD_DATE:
      {
        GDateTime *da = MEMBER (a, field, GDateTime *);
        GDateTime *db = MEMBER (b, field, GDateTime *);

        return da == NULL || db == NULL ? da == db : g_date_time_equal (da, db);
      }
    case FIELD_INT:
      return MEMBER (a, field, int) == MEMBER (b, field, int);
    case FIELD_INT64:
      return MEMBER (a, field, gint64) == MEMBER (b, field, gint64);
    case FIELD_CANDIDATES:
      {
        GArray *ca = MEMBER (a, field, GArray *);
        GArray *cb = MEMBER (b, field, GArray *);

        if (ca == NULL || cb == NULL)
          return ca == cb;
        return ca->len == cb->len && memcmp (ca->data, cb->data, ca->len * sizeof (gint64)) == 0;
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
pkio_record_finalize (GObject *object)
{
  PkioRecord *self = (PkioRecord *) object;

  g_clear_pointer (&self->entry, kinds[self->kind].free);
  g_free (self->search_text);

  G_OBJECT_CLASS (pkio_record_parent_class)->finalize (object);
}

static void
pkio_record_class_init (PkioRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_record_finalize;
}

static void
pkio_record_init (PkioRecord *self)
{
}

/**
 * pkio_record_new:
 * @entry: a #PkioDraft, #PkioOutboxEntry or #PkioHistoryEntry, by @kind;
 *   copied
 *
 * Returns: (transfer full): a record of @entry as it is now
 */
PkioRecord *
pkio_record_new (PkioRecordKind kind,
                 gconstpointer  entry)
{
  PkioRecord *self;

  g_return_val_if_fail (kind <= PKIO_RECORD_KIND_HISTORY, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (PKIO_TYPE_RECORD, NULL);
  self->kind = kind;
  self->entry = kinds[kind].copy (entry);

  return self;
}

PkioRecordKind
pkio_record_get_kind (PkioRecord *self)
{
  g_return_val_if_fail (PKIO_IS_RECORD (self), PKIO_RECORD_KIND_DRAFT);

  return self->kind;
}

static gconstpointer
get_role (PkioRecord *self,
          FieldRole   role)
{
  const Field *field = find_role (self->kind, role);

  return field ? (const char *) self->entry + field->offset : NULL;
}

const char *
pkio_record_get_id (PkioRecord *self)
{
  g_return_val_if_fail (PKIO_IS_RECORD (self), NULL);

  return *(char * const *) get_role (self, ROLE_ID);
}

/**
 * pkio_record_get_practice:
 *
 * Returns: whether the order was queued or placed in practice mode (a
 *   draft is neither)
 */
gboolean
pkio_record_get_practice (PkioRecord *self)
{
  gconstpointer value;

  g_return_val_if_fail (PKIO_IS_RECORD (self), FALSE);

  value = get_role (self, ROLE_PRACTICE);
  return value != NULL && *(const int *) value;
}

const char *
pkio_record_get_applicant (PkioRecord *self)
{
  gconstpointer value;

  g_return_val_if_fail (PKIO_IS_RECORD (self), NULL);

  value = get_role (self, ROLE_APPLICANT);
  return value ? *(char * const *) value : NULL;
}

const char *
pkio_record_get_email (PkioRecord *self)
{
  gconstpointer value;

  g_return_val_if_fail (PKIO_IS_RECORD (self), NULL);

  value = get_role (self, ROLE_EMAIL);
  return value ? *(char * const *) value : NULL;
}

/**
 * pkio_record_get_date:
 *
 * Returns: (transfer none) (nullable): when the draft was last changed,
 *   the order queued, or the order placed
 */
GDateTime *
pkio_record_get_date (PkioRecord *self)
{
  gconstpointer value;

  g_return_val_if_fail (PKIO_IS_RECORD (self), NULL);

  value = get_role (self, ROLE_DATE);
  return value ? *(GDateTime * const *) value : NULL;
}

const PkioDraft *
pkio_record_get_draft (PkioRecord *self)
{
  g_return_val_if_fail (PKIO_IS_RECORD (self), NULL);

  return self->kind == PKIO_RECORD_KIND_DRAFT ? self->entry : NULL;
}

const PkioOutboxEntry *
pkio_record_get_outbox_entry (PkioRecord *self)
{
  g_return_val_if_fail (PKIO_IS_RECORD (self), NULL);

  return self->kind == PKIO_RECORD_KIND_OUTBOX ? self->entry : NULL;
}

const PkioHistoryEntry *
pkio_record_get_history_entry (PkioRecord *self)
{
  g_return_val_if_fail (PKIO_IS_RECORD (self), NULL);

  return self->kind == PKIO_RECORD_KIND_HISTORY ? self->entry : NULL;
}

/**
 * pkio_record_shows:
 * @entry: an entry of the record's kind, as the store has it now
 *
 * Returns: whether the record still shows @entry as it is: every field of
 *   the kind's table is the same
 */
gboolean
pkio_record_shows (PkioRecord    *self,
                   gconstpointer  entry)
{
  const KindTable *table;

  g_return_val_if_fail (PKIO_IS_RECORD (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  table = &kinds[self->kind];
  for (guint i = 0; i < table->n_fields; i++)
    if (!field_equal (&table->fields[i], self->entry, entry))
      return FALSE;

  return TRUE;
}

/* What a desk searches by: the name, the email, and the numbers it has on
 * paper (0 is "not known yet", which nobody searches for). */
static char *
make_search_text (PkioRecord *self)
{
  const KindTable *table = &kinds[self->kind];
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];

      if (!(field->flags & SEARCHED))
        continue;
      if (field->type == FIELD_TEXT && MEMBER (self->entry, field, char *) != NULL)
        g_string_append_printf (text, "%s\n", MEMBER (self->entry, field, char *));
      else if (field->type == FIELD_INT64 && MEMBER (self->entry, field, gint64) > 0)
        g_string_append_printf (text, "%" G_GINT64_FORMAT "\n",
                                MEMBER (self->entry, field, gint64));
    }

  return g_utf8_casefold (text->str, text->len);
}

/**
 * pkio_record_matches:
 * @folded: what was searched for, casefolded with g_utf8_casefold()
 *
 * Returns: whether a searched field (the applicant's name or email, the
 *   order or certificate number) holds @folded
 */
gboolean
pkio_record_matches (PkioRecord *self,
                     const char *folded)
{
  g_return_val_if_fail (PKIO_IS_RECORD (self), FALSE);

  if (folded == NULL || folded[0] == '\0')
    return TRUE;
  if (self->search_text == NULL)
    self->search_text = make_search_text (self);

  return strstr (self->search_text, folded) != NULL;
}
