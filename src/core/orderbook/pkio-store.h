/* pkio-store.h
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
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Drafts, the outbox and history on disk: one file per record under
 * <user data dir>/<app id>/{drafts,outbox,history}/<id>.pkio. Each file is a
 * small envelope (magic, version, nonce) around the AES-256-GCM ciphertext
 * of {"version":2,"meta":{…},"order":<draft JSON>}, replaced atomically.
 * The key lives in the keyring; without one, records are kept in memory
 * only and nothing is written. */

#define PKIO_TYPE_STORE (pkio_store_get_type ())

G_DECLARE_FINAL_TYPE (PkioStore, pkio_store, PKIO, STORE, GObject)

#define PKIO_STORE_ERROR (pkio_store_error_quark ())

/**
 * PkioStoreError:
 * @PKIO_STORE_ERROR_IN_MEMORY: no key could be had from the keyring: the
 *   store works, but keeps everything in memory until the app quits
 * @PKIO_STORE_ERROR_UNREADABLE: a file could not be read or decrypted
 * @PKIO_STORE_ERROR_NEWER_VERSION: a file written by a newer version
 * @PKIO_STORE_ERROR_NOT_FOUND: no record with that id
 * @PKIO_STORE_ERROR_FAILED: writing failed
 * @PKIO_STORE_ERROR_BUSY: another process (or task) holds the record's claim
 * @PKIO_STORE_ERROR_UNDECRYPTABLE: a file did not decrypt: damaged, or
 *   written under another key
 */
typedef enum
{
  PKIO_STORE_ERROR_IN_MEMORY,
  PKIO_STORE_ERROR_UNREADABLE,
  PKIO_STORE_ERROR_NEWER_VERSION,
  PKIO_STORE_ERROR_NOT_FOUND,
  PKIO_STORE_ERROR_FAILED,
  PKIO_STORE_ERROR_BUSY,
  PKIO_STORE_ERROR_UNDECRYPTABLE,
} PkioStoreError;

typedef enum
{
  PKIO_STORE_KIND_DRAFTS,
  PKIO_STORE_KIND_OUTBOX,
  PKIO_STORE_KIND_HISTORY,
} PkioStoreKind;

/* The version of the record inside the envelope. Version 2 added
 * "practice" to outbox and history records: an older release, which would
 * take a practice order for a real one, leaves those files alone. A
 * version 1 record has no such field and is real. */
#define PKIO_STORE_RECORD_VERSION 2

typedef struct
{
  char     *id;
  JsonNode *meta;    /* an object; what the kind keeps beside the order */
  JsonNode *order;   /* (nullable) the order as PKIO_ORDER_JSON_DRAFT writes it */
} PkioStoreRecord;

/* Turns a loaded record into the caller's own item, on the worker thread;
 * it may take what it keeps out of @record. */
typedef gpointer (*PkioStoreMapFunc) (PkioStoreRecord *record);

#define PKIO_TYPE_STORE_RECORD (pkio_store_record_get_type ())

GType            pkio_store_record_get_type  (void) G_GNUC_CONST;
PkioStoreRecord *pkio_store_record_new       (const char            *id,
                                              JsonNode              *meta,
                                              JsonNode              *order);
PkioStoreRecord *pkio_store_record_copy      (const PkioStoreRecord *self);
void             pkio_store_record_free      (PkioStoreRecord       *self);

GQuark           pkio_store_error_quark      (void);
const char      *pkio_store_kind_get_name    (PkioStoreKind          kind);

PkioStore       *pkio_store_new              (const char            *directory);
const char      *pkio_store_get_directory    (PkioStore             *self);
gboolean         pkio_store_get_persistent   (PkioStore             *self);
gboolean         pkio_store_get_opened       (PkioStore             *self);

void             pkio_store_open_async       (PkioStore             *self,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gboolean         pkio_store_open_finish      (PkioStore             *self,
                                              GAsyncResult          *result,
                                              GError               **error);

void             pkio_store_save_async       (PkioStore             *self,
                                              PkioStoreKind          kind,
                                              const PkioStoreRecord *record,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gboolean         pkio_store_save_finish      (PkioStore             *self,
                                              GAsyncResult          *result,
                                              GError               **error);
void             pkio_store_load_all_async   (PkioStore             *self,
                                              PkioStoreKind          kind,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
GPtrArray       *pkio_store_load_all_finish  (PkioStore             *self,
                                              GAsyncResult          *result,
                                              GPtrArray            **problems,
                                              GError               **error);
void             pkio_store_load_all_mapped_async  (PkioStore           *self,
                                                    PkioStoreKind        kind,
                                                    PkioStoreMapFunc     map,
                                                    GDestroyNotify       map_free,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray       *pkio_store_load_all_mapped_finish (PkioStore           *self,
                                                    GAsyncResult        *result,
                                                    GPtrArray          **problems,
                                                    GError             **error);
void             pkio_store_delete_async     (PkioStore             *self,
                                              PkioStoreKind          kind,
                                              const char            *id,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gboolean         pkio_store_delete_finish    (PkioStore             *self,
                                              GAsyncResult          *result,
                                              GError               **error);

void             pkio_store_claim_async      (PkioStore             *self,
                                              PkioStoreKind          kind,
                                              const char            *id,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
PkioStoreRecord *pkio_store_claim_finish     (PkioStore             *self,
                                              GAsyncResult          *result,
                                              GError               **error);
void             pkio_store_release_async    (PkioStore             *self,
                                              PkioStoreKind          kind,
                                              const char            *id,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gboolean         pkio_store_release_finish   (PkioStore             *self,
                                              GAsyncResult          *result,
                                              GError               **error);

char            *pkio_store_new_id           (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioStoreRecord, pkio_store_record_free)

G_END_DECLS
