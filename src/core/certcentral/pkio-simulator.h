/* pkio-simulator.h
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

G_BEGIN_DECLS

#define PKIO_TYPE_SIMULATOR (pkio_simulator_get_type ())

G_DECLARE_FINAL_TYPE (PkioSimulator, pkio_simulator, PKIO, SIMULATOR, GObject)

/* The key the simulator accepts; practice mode uses it instead of the
 * keyring, since nothing real is at stake. */
#define PKIO_SIMULATOR_API_KEY "practice-mode-key"

/**
 * PkioSimulatorFault:
 * @PKIO_SIMULATOR_FAULT_NONE: answer as documented
 * @PKIO_SIMULATOR_FAULT_RATE_LIMITED: 429 request_limit_exceeded, Retry-After: 1
 * @PKIO_SIMULATOR_FAULT_SERVER_ERROR: 503 with no body
 * @PKIO_SIMULATOR_FAULT_DROP_CONNECTION: read the request, then close the
 *   connection without an answer
 *
 * What the simulator does instead of answering, for practice and tests.
 */
typedef enum
{
  PKIO_SIMULATOR_FAULT_NONE,
  PKIO_SIMULATOR_FAULT_RATE_LIMITED,
  PKIO_SIMULATOR_FAULT_SERVER_ERROR,
  PKIO_SIMULATOR_FAULT_DROP_CONNECTION,
} PkioSimulatorFault;

PkioSimulator *pkio_simulator_new               (void);
gboolean       pkio_simulator_start             (PkioSimulator      *self,
                                                 GError            **error);
const char    *pkio_simulator_get_base_url      (PkioSimulator      *self);
void           pkio_simulator_set_fault         (PkioSimulator      *self,
                                                 PkioSimulatorFault  fault,
                                                 guint               count);
void           pkio_simulator_set_issue_delay   (PkioSimulator      *self,
                                                 guint               seconds);
void           pkio_simulator_set_answer_delay  (PkioSimulator      *self,
                                                 guint               milliseconds);
guint          pkio_simulator_get_n_orders      (PkioSimulator      *self);
guint          pkio_simulator_get_n_requests    (PkioSimulator      *self);
guint          pkio_simulator_get_n_rate_limited (PkioSimulator    *self);

G_END_DECLS
