/* pkio-test-utils.h
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

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pkio-order.h"
#include "pkio-outbox.h"
#include "pkio-test-hang.h"

G_BEGIN_DECLS

/* The date every core test takes as today: 24 November 2026. */
void       pkio_test_pin_today        (void);
PkioOrder *pkio_test_order_new_valid  (PkioPaymentMethod payment);
char      *pkio_test_data_path        (const char       *name);
JsonNode  *pkio_test_load_json        (const char       *name);

void          pkio_test_result_cb    (GObject       *object,
                                      GAsyncResult  *result,
                                      gpointer       user_data);
GAsyncResult *pkio_test_wait_result  (GAsyncResult **result);

typedef gboolean (*PkioTestCondition) (gpointer data);

void          pkio_test_run_ready    (void);
gboolean      pkio_test_load_phone_plan (void);
gboolean      pkio_test_is_set       (gpointer           flag);
gboolean      pkio_test_run_until    (PkioTestCondition  condition,
                                      gpointer           data,
                                      guint              seconds);
gboolean      pkio_test_run_until_changed (PkioTestCondition   condition,
                                           gpointer            data,
                                           const char * const *paths,
                                           guint               seconds);
void          pkio_test_assert_finalized (gpointer    object_ptr);
gboolean      pkio_test_in_harness   (void);
GBytes       *pkio_test_random_store_key (void);
void          pkio_test_remove_tree  (const char    *path);
guint         pkio_test_count_files  (const char    *path);
GPtrArray    *pkio_test_load_records (PkioStore     *store,
                                      PkioStoreKind  kind,
                                      GPtrArray    **problems);

char         *pkio_test_enqueue      (PkioOutbox    *outbox,
                                      PkioOrder     *order);

/* A stand-in for CertCentral on loopback, and the answers tests give. */
typedef enum
{
  PKIO_TEST_ORDER_OK,
  PKIO_TEST_ORDER_DROP,         /* the connection drops: was it placed? */
  PKIO_TEST_ORDER_429_THEN_OK,  /* the first POST is rate limited */
  PKIO_TEST_ORDER_HOLD,         /* the POST waits, paused, until the test answers it */
} PkioTestOrderMode;

SoupServer   *pkio_test_server_new   (SoupServerCallback   callback,
                                      gpointer             user_data,
                                      char               **base_url);
void          pkio_test_server_respond (SoupServerMessage *msg,
                                        guint              status,
                                        const char        *json);
void          pkio_test_server_drop  (SoupServerMessage *msg);
void          pkio_test_server_limit (SoupServerMessage *msg);
gboolean      pkio_test_server_take_order (SoupServerMessage  *msg,
                                           const char         *path,
                                           PkioTestOrderMode   mode,
                                           guint               posts,
                                           SoupServerMessage **held);
void          pkio_test_save_api_key (const char    *base_url,
                                      const char    *api_key);
char         *pkio_test_lookup_api_key (const char  *base_url);

/* The command line ($PKIO_ORDER_BIN), run while the test keeps serving. */
GSubprocessLauncher *pkio_test_cli_launcher_new (const char    *data_home);
int           pkio_test_run_cli      (GSubprocessLauncher *launcher,
                                      const char    *base_url,
                                      char         **out,
                                      char         **err,
                                      const char    *command,
                                      const char    *arg);

G_END_DECLS
