/* pkio-token-panel.h
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

#include <adwaita.h>

#include "pkio-token-monitor.h"

G_BEGIN_DECLS

#define PKIO_TYPE_TOKEN_PANEL (pkio_token_panel_get_type ())

G_DECLARE_FINAL_TYPE (PkioTokenPanel, pkio_token_panel, PKIO, TOKEN_PANEL, AdwBin)

GtkWidget        *pkio_token_panel_new                 (void);
PkioTokenMonitor *pkio_token_panel_get_monitor         (PkioTokenPanel   *self);
void              pkio_token_panel_set_monitor         (PkioTokenPanel   *self,
                                                        PkioTokenMonitor *monitor);
void              pkio_token_panel_set_now             (PkioTokenPanel   *self,
                                                        GDateTime        *now);
char             *pkio_token_panel_dup_diagnostics     (PkioTokenPanel   *self);
void              pkio_token_panel_take_focus          (PkioTokenPanel   *self);

G_END_DECLS
