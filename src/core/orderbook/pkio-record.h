/* pkio-record.h
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

#pragma once

#include <gio/gio.h>

#include "pkio-draft-store.h"
#include "pkio-history.h"
#include "pkio-outbox.h"

G_BEGIN_DECLS

typedef enum
{
  PKIO_RECORD_KIND_DRAFT,
  PKIO_RECORD_KIND_OUTBOX,
  PKIO_RECORD_KIND_HISTORY,
} PkioRecordKind;

#define PKIO_TYPE_RECORD (pkio_record_get_type ())

G_DECLARE_FINAL_TYPE (PkioRecord, pkio_record, PKIO, RECORD, GObject)

PkioRecord             *pkio_record_new               (PkioRecordKind          kind,
                                                       gconstpointer           entry);
PkioRecordKind          pkio_record_get_kind          (PkioRecord             *self);
const char             *pkio_record_get_id            (PkioRecord             *self);
gboolean                pkio_record_get_practice      (PkioRecord             *self);
const char             *pkio_record_get_applicant     (PkioRecord             *self);
const char             *pkio_record_get_email         (PkioRecord             *self);
GDateTime              *pkio_record_get_date          (PkioRecord             *self);
const PkioDraft        *pkio_record_get_draft         (PkioRecord             *self);
const PkioOutboxEntry  *pkio_record_get_outbox_entry  (PkioRecord             *self);
const PkioHistoryEntry *pkio_record_get_history_entry (PkioRecord             *self);
gboolean                pkio_record_shows             (PkioRecord             *self,
                                                       gconstpointer           entry);
gboolean                pkio_record_matches           (PkioRecord             *self,
                                                       const char             *folded);

G_END_DECLS
