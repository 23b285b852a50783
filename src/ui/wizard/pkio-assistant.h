/* pkio-assistant.h
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

#include "pkio-page.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ASSISTANT (pkio_assistant_get_type ())

G_DECLARE_FINAL_TYPE (PkioAssistant, pkio_assistant, PKIO, ASSISTANT, AdwBin)

PkioAssistant *pkio_assistant_new              (void);
void           pkio_assistant_add_page         (PkioAssistant *self,
                                                PkioPage      *page);
PkioPage      *pkio_assistant_get_current_page (PkioAssistant *self);
void           pkio_assistant_set_current_page (PkioAssistant *self,
                                                PkioPage      *page);
void           pkio_assistant_edit_page        (PkioAssistant *self,
                                                PkioPage      *page);
const char    *pkio_assistant_get_title        (PkioAssistant *self);
gboolean       pkio_assistant_get_can_go_back  (PkioAssistant *self);
gboolean       pkio_assistant_get_can_go_next  (PkioAssistant *self);
gboolean       pkio_assistant_get_has_next     (PkioAssistant *self);
gboolean       pkio_assistant_get_applying     (PkioAssistant *self);
void           pkio_assistant_set_n_steps      (PkioAssistant *self,
                                                guint          n_steps);
void           pkio_assistant_set_more_pages   (PkioAssistant *self,
                                                gboolean       more);
void           pkio_assistant_next             (PkioAssistant *self);
void           pkio_assistant_back             (PkioAssistant *self);
void           pkio_assistant_cancel           (PkioAssistant *self);

G_END_DECLS
