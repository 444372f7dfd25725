package com.synapselinkhealth.health;

import java.util.List;

/** The rules of one state table: what an observed change of one of its rows means. */
interface TableRules {
    List<Transition> evaluate(Observation observation);
}
