/* pkio-token-monitor.h
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

#include "pkio-token.h"
#include "pkio-token-error.h"

G_BEGIN_DECLS

/* How long a process about to exit waits for the monitors' threads to give
 * each module its C_Finalize. Only a module that hangs takes this long: a
 * healthy one is done far sooner, however busy the machine (2 s was not
 * enough for SoftHSM under AddressSanitizer on a loaded machine, which then
 * exited with SoftHSM's OpenSSL state still allocated). */
#define PKIO_TOKEN_MONITOR_EXIT_WAIT_MS 15000

#define PKIO_TYPE_TOKEN_MONITOR (pkio_token_monitor_get_type ())

G_DECLARE_FINAL_TYPE (PkioTokenMonitor, pkio_token_monitor, PKIO, TOKEN_MONITOR, GObject)

/* The p11-kit proxy does not support a blocking C_WaitForSlotEvent, so
 * tokens are found by polling. */
#define PKIO_TOKEN_MONITOR_POLL_INTERVAL_MS 2000
#define PKIO_TOKEN_MONITOR_MODULE_TIMEOUT_MS 5000

typedef enum
{
  PKIO_TOKEN_MODULE_OK,
  PKIO_TOKEN_MODULE_FAILED,
  PKIO_TOKEN_MODULE_NOT_RESPONDING,
} PkioTokenModuleState;

#define PKIO_TYPE_TOKEN_MODULE_STATUS (pkio_token_module_status_get_type ())

/* One PKCS#11 module as the last poll saw it, for diagnostics. */
typedef struct
{
  char                 *name;
  char                 *path;
  char                 *description;
  PkioTokenModuleState  state;
  char                 *error;
  guint                 n_tokens;
} PkioTokenModuleStatus;

GType                  pkio_token_module_status_get_type (void) G_GNUC_CONST;
PkioTokenModuleStatus *pkio_token_module_status_copy     (const PkioTokenModuleStatus *status);
void                   pkio_token_module_status_free     (PkioTokenModuleStatus       *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioTokenModuleStatus, pkio_token_module_status_free)

PkioTokenMonitor *pkio_token_monitor_new             (const char * const *extra_module_paths);
PkioTokenMonitor *pkio_token_monitor_new_for_modules (const char * const *module_paths,
                                                      guint               poll_interval_ms,
                                                      guint               module_timeout_ms);
PkioTokenMonitor *pkio_token_monitor_new_full        (gboolean            use_registered,
                                                      const char * const *module_paths,
                                                      guint               poll_interval_ms,
                                                      guint               module_timeout_ms);
GListModel       *pkio_token_monitor_get_tokens      (PkioTokenMonitor   *self);
gboolean          pkio_token_monitor_get_ready       (PkioTokenMonitor   *self);
GPtrArray        *pkio_token_monitor_dup_modules     (PkioTokenMonitor   *self);
void              pkio_token_monitor_refresh         (PkioTokenMonitor   *self);
gboolean          pkio_token_monitor_wait_for_threads (guint              timeout_ms);

guint             _pkio_token_monitor_get_n_threads  (void);

void              pkio_token_monitor_set_paused        (PkioTokenMonitor   *self,
                                                        gboolean            paused);

G_END_DECLS
